using CrowdPortal.Core.Geometry;
using CrowdPortal.Core.Tracking;
using CrowdPortal.Core.Zones;

namespace CrowdPortal.Core.Counting;

/// <summary>
/// In/out crossings of a directed line (points[0] → points[1]). "In" is a crossing from the line's left side to its
/// right side as seen on screen (for a line drawn left to right: from above to below); "out" the reverse. A track's
/// side is only read while its anchor projects onto the segment (not beyond its ends), and a crossing counts only after
/// the track has been seen on the other side for <see cref="ZoneDefinition.InertiaFrames"/> consecutive frames.
/// A track's first settled side is its starting side and is never counted. A track seen beyond the segment's ends for
/// InertiaFrames frames forgets its side, so walking around the end of the line is not a crossing.
/// </summary>
public sealed class LineZoneCounter : IZoneCounter
{
    /// <summary>Tracks unseen for this many frames are forgotten (the tracker has long dropped them).</summary>
    private const int ForgetAfterFrames = 300;

    private readonly Point2 _start;
    private readonly Point2 _end;
    private readonly Dictionary<int, LineSide> _states = [];
    private readonly Stack<LineSide> _pool = new();
    private int _frame;

    public LineZoneCounter(ZoneDefinition zone, FrameSize frame)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (zone.Kind != ZoneKind.Line || zone.Points.Count != 2 || zone.InertiaFrames < 1)
        {
            throw new ArgumentException($"Zone '{zone.ZoneId}' is not a valid line zone; validate zones first.", nameof(zone));
        }

        Zone = zone;
        _start = frame.ToPixels(zone.Points[0]);
        _end = frame.ToPixels(zone.Points[1]);
    }

    public ZoneDefinition Zone { get; }

    /// <summary>In-crossings since the start.</summary>
    public int TotalEntries { get; private set; }

    /// <summary>Out-crossings since the start.</summary>
    public int TotalExits { get; private set; }

    /// <summary>Returns Current = 0, Entries = in-crossings and Exits = out-crossings of this frame.</summary>
    public ZoneFrameCount Update(IReadOnlyList<TrackedPerson> people, double timestampSeconds)
    {
        ArgumentNullException.ThrowIfNull(people);
        _frame++;
        int ins = 0;
        int outs = 0;
        int inertia = Zone.InertiaFrames;

        for (int i = 0; i < people.Count; i++)
        {
            TrackedPerson person = people[i];
            if (!_states.TryGetValue(person.TrackId, out LineSide? state))
            {
                state = _pool.Count > 0 ? _pool.Pop() : new LineSide();
                state.Reset();
                _states.Add(person.TrackId, state);
            }

            state.LastSeenFrame = _frame;
            Point2 anchor = person.Anchor(Zone.Anchor);
            double along = SegmentMath.Projection(_start, _end, anchor);
            int side = SegmentMath.Side(_start, _end, anchor);
            if (along < 0 || along > 1 || side == 0)
            {
                ObserveOutsideBand(state, side == 0 && along >= 0 && along <= 1, inertia);
                continue;
            }

            state.OutOfBand = 0;
            ObserveSide(state, side, inertia, ref ins, ref outs);
        }

        foreach (KeyValuePair<int, LineSide> pair in _states)
        {
            if (_frame - pair.Value.LastSeenFrame > ForgetAfterFrames)
            {
                _states.Remove(pair.Key);
                _pool.Push(pair.Value);
            }
        }

        TotalEntries += ins;
        TotalExits += outs;
        return new ZoneFrameCount(0, ins, outs);
    }

    private static void ObserveSide(LineSide state, int side, int inertia, ref int ins, ref int outs)
    {
        if (side == state.Settled)
        {
            state.Streak = 0;
            return;
        }

        if (side != state.Candidate)
        {
            state.Candidate = side;
            state.Streak = 0;
        }

        state.Streak++;
        if (state.Streak < inertia)
        {
            return;
        }

        if (state.Settled != 0)
        {
            if (side > 0)
            {
                ins++; // left (-1) to right (+1)
            }
            else
            {
                outs++;
            }
        }

        state.Settled = side;
        state.Streak = 0;
    }

    private static void ObserveOutsideBand(LineSide state, bool onTheLine, int inertia)
    {
        if (onTheLine)
        {
            return; // exactly on the line: no side, but not around the ends either
        }

        state.OutOfBand++;
        if (state.OutOfBand >= inertia)
        {
            state.Settled = 0;
            state.Candidate = 0;
            state.Streak = 0;
        }
    }

    /// <summary>One track's side of the line. A class so dictionary values can change while enumerating.</summary>
    private sealed class LineSide
    {
        /// <summary>Confirmed side: -1 left, +1 right, 0 not yet known.</summary>
        public int Settled { get; set; }

        public int Candidate { get; set; }

        public int Streak { get; set; }

        public int OutOfBand { get; set; }

        public int LastSeenFrame { get; set; }

        public void Reset()
        {
            Settled = 0;
            Candidate = 0;
            Streak = 0;
            OutOfBand = 0;
            LastSeenFrame = 0;
        }
    }
}
