using CrowdPortal.Core.Geometry;
using CrowdPortal.Core.Tracking;
using CrowdPortal.Core.Zones;

namespace CrowdPortal.Core.Counting;

/// <summary>
/// Occupancy of a polygon zone with inertia: a track's state flips between out and in only after its anchor has been
/// seen on the new side for <see cref="ZoneDefinition.InertiaFrames"/> consecutive frames (frames where the track is
/// missing neither extend nor break the streak). A track missing for more than <see cref="MissingFramesBeforeExit"/>
/// frames is gone: if it was inside, that is an exit. This keeps a person who is briefly occluded or missed by the
/// detector (the tracker keeps their id) from being counted as leaving and re-entering. Entries and exits are counted
/// on confirmed flips; a person first seen inside counts as an entry, so entries − exits always equals
/// <see cref="Current"/>. Dwell time runs from the first frame of the inside streak that confirmed the entry.
/// </summary>
public sealed class PolygonZoneCounter : IZoneCounter
{
    private readonly Point2[] _ring;
    private readonly Dictionary<int, Occupant> _states = [];
    private readonly Stack<Occupant> _pool = new();
    private int _frame;

    /// <summary>Default <see cref="MissingFramesBeforeExit"/>: 10 frames, 1 s at 10 fps.</summary>
    public const int DefaultMissingFramesBeforeExit = 10;

    public PolygonZoneCounter(ZoneDefinition zone, FrameSize frame, int missingFramesBeforeExit = DefaultMissingFramesBeforeExit)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (zone.Kind != ZoneKind.Polygon || zone.Points.Count < 3 || zone.InertiaFrames < 1)
        {
            throw new ArgumentException($"Zone '{zone.ZoneId}' is not a valid polygon zone; validate zones first.", nameof(zone));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(missingFramesBeforeExit);
        Zone = zone;
        MissingFramesBeforeExit = missingFramesBeforeExit;
        _ring = zone.ToPixels(frame);
    }

    public ZoneDefinition Zone { get; }

    /// <summary>Frames a track may be missing (occluded, missed by the detector) and still be where it was last seen.</summary>
    public int MissingFramesBeforeExit { get; }

    /// <summary>People confirmed inside after the last frame.</summary>
    public int Current { get; private set; }

    public int TotalEntries { get; private set; }

    public int TotalExits { get; private set; }

    /// <summary>Dwell statistics of the people inside after the last frame.</summary>
    public DwellStats Dwell { get; private set; }

    /// <summary>True when the track is currently confirmed inside.</summary>
    public bool IsInside(int trackId) => _states.TryGetValue(trackId, out Occupant? state) && state.Inside;

    public ZoneFrameCount Update(IReadOnlyList<TrackedPerson> people, double timestampSeconds)
    {
        ArgumentNullException.ThrowIfNull(people);
        _frame++;
        int entries = 0;
        int exits = 0;
        int inertia = Zone.InertiaFrames;

        for (int i = 0; i < people.Count; i++)
        {
            TrackedPerson person = people[i];
            if (!_states.TryGetValue(person.TrackId, out Occupant? state))
            {
                state = _pool.Count > 0 ? _pool.Pop() : new Occupant();
                state.Reset();
                _states.Add(person.TrackId, state);
            }

            state.LastSeenFrame = _frame;
            bool inside = PolygonMath.Contains(_ring, person.Anchor(Zone.Anchor));
            Observe(state, inside, timestampSeconds, inertia, ref entries, ref exits);
        }

        int current = 0;
        double dwellSum = 0;
        double dwellMax = 0;
        foreach (KeyValuePair<int, Occupant> pair in _states)
        {
            Occupant state = pair.Value;
            if (_frame - state.LastSeenFrame > MissingFramesBeforeExit)
            {
                // Gone for good (left the frame, or the tracker dropped it): leaves the zone now.
                if (state.Inside)
                {
                    exits++;
                }

                _states.Remove(pair.Key); // allowed while enumerating since .NET Core 3.0
                _pool.Push(state);
                continue;
            }

            if (state.Inside)
            {
                current++;
                double dwell = timestampSeconds - state.EnteredAt;
                dwellSum += dwell;
                dwellMax = Math.Max(dwellMax, dwell);
            }
        }

        Current = current;
        TotalEntries += entries;
        TotalExits += exits;
        Dwell = current == 0 ? DwellStats.None : new DwellStats(current, dwellSum / current, dwellMax);
        return new ZoneFrameCount(current, entries, exits);
    }

    private static void Observe(Occupant state, bool inside, double timestamp, int inertia, ref int entries, ref int exits)
    {
        if (inside == state.Inside)
        {
            state.Streak = 0;
            return;
        }

        if (state.Streak == 0)
        {
            state.StreakStart = timestamp;
        }

        state.Streak++;
        if (state.Streak < inertia)
        {
            return;
        }

        state.Inside = inside;
        state.Streak = 0;
        if (inside)
        {
            state.EnteredAt = state.StreakStart;
            entries++;
        }
        else
        {
            exits++;
        }
    }

    /// <summary>One track's zone state. A class so the dictionary's values can be changed while enumerating.</summary>
    private sealed class Occupant
    {
        public bool Inside { get; set; }

        /// <summary>Consecutive frames observed on the side opposite to <see cref="Inside"/>.</summary>
        public int Streak { get; set; }

        public double StreakStart { get; set; }

        public double EnteredAt { get; set; }

        public int LastSeenFrame { get; set; }

        public void Reset()
        {
            Inside = false;
            Streak = 0;
            StreakStart = 0;
            EnteredAt = 0;
            LastSeenFrame = 0;
        }
    }
}
