namespace CrowdPortal.Core.Tracking;

/// <summary>
/// Multi-person tracker in the ByteTrack style: each frame, tracks are predicted forward (constant velocity), matched
/// to high-score detections by IoU, then remaining still-tracked tracks to low-score detections; unmatched high
/// detections start tentative tracks that are confirmed after <see cref="TrackerOptions.MinimumHits"/> frames; lost
/// tracks are kept for <see cref="TrackerOptions.LostTrackBuffer"/> frames. One instance per video; not thread-safe.
/// </summary>
public sealed class ByteTracker
{
    private readonly List<Track> _tracks = [];
    private readonly Stack<Track> _pool = new();
    private readonly IouMatcher _matcher = new();
    private readonly List<int> _high = [];
    private readonly List<int> _low = [];
    private readonly List<int> _confirmed = [];
    private readonly List<int> _seenLastFrame = [];
    private readonly List<int> _lostLastFrame = [];
    private readonly List<int> _lostOfAge = [];
    private readonly List<int> _stillTracked = [];
    private readonly List<int> _tentative = [];
    private int[] _trackMatch = new int[16];
    private bool[] _detectionUsed = new bool[16];
    private int _nextId = 1;

    public ByteTracker(TrackerOptions? options = null)
    {
        Options = options ?? new TrackerOptions();
        if (Options.MinimumHits < 1 || Options.LostTrackBuffer < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MinimumHits must be at least 1 and LostTrackBuffer not negative.");
        }
    }

    public TrackerOptions Options { get; }

    /// <summary>Frames processed so far.</summary>
    public int FrameCount { get; private set; }

    /// <summary>
    /// Advances one frame. Clears <paramref name="output"/> and fills it with the confirmed tracks matched in this frame
    /// (lost and tentative tracks are not reported). Does not allocate once the internal buffers have grown.
    /// </summary>
    public void Update(IReadOnlyList<Detection> detections, List<TrackedPerson> output)
    {
        ArgumentNullException.ThrowIfNull(detections);
        ArgumentNullException.ThrowIfNull(output);
        output.Clear();
        FrameCount++;

        PrepareBuffers(detections);
        foreach (Track track in _tracks)
        {
            track.Predict();
        }

        if (Options.SeenTracksFirst)
        {
            // Stage 1, in two steps: tracks seen last frame take their confident detections first, then lost tracks
            // (predicted blind, so less sure) match what is left.
            _matcher.Match(_tracks, _seenLastFrame, detections, _high, Options.HighMatchIou, _trackMatch, _detectionUsed);
            MatchLostTracks(detections);
        }
        else
        {
            // Stage 1: confirmed tracks (tracked or lost) against confident detections.
            _matcher.Match(_tracks, _confirmed, detections, _high, Options.HighMatchIou, _trackMatch, _detectionUsed);
        }

        // Stage 2 (the ByteTrack idea): tracks still tracked last frame may continue on a low-score box, e.g. a
        // half-occluded person; lost tracks may not, because a weak box far from the last sighting is too risky.
        _stillTracked.Clear();
        foreach (int ti in _confirmed)
        {
            if (_trackMatch[ti] < 0 && _tracks[ti].State == TrackState.Tracked)
            {
                _stillTracked.Add(ti);
            }
        }

        _matcher.Match(_tracks, _stillTracked, detections, _low, Options.LowMatchIou, _trackMatch, _detectionUsed);

        // Stage 3: tentative tracks against the confident detections left over.
        _matcher.Match(_tracks, _tentative, detections, _high, Options.TentativeMatchIou, _trackMatch, _detectionUsed);

        int trackCount = _tracks.Count;
        ApplyMatches(detections, trackCount);
        StartNewTracks(detections);
        RemoveDeadTracks();

        foreach (Track track in _tracks)
        {
            if (track.State == TrackState.Tracked && track.FramesSinceUpdate == 0)
            {
                output.Add(new TrackedPerson(track.Id, track.LastDetection));
            }
        }
    }

    /// <summary>Lost tracks against the confident detections left, by buffered IoU; by age when configured.</summary>
    private void MatchLostTracks(IReadOnlyList<Detection> detections)
    {
        float buffer = Options.LostBoxBufferPerFrame;
        if (!Options.LostTracksByAge)
        {
            _matcher.Match(_tracks, _lostLastFrame, detections, _high, Options.HighMatchIou, _trackMatch, _detectionUsed, buffer);
            return;
        }

        for (int age = 1; age <= Options.LostTrackBuffer && _lostLastFrame.Count > 0; age++)
        {
            _lostOfAge.Clear();
            foreach (int ti in _lostLastFrame)
            {
                if (_tracks[ti].FramesSinceUpdate == age)
                {
                    _lostOfAge.Add(ti);
                }
            }

            _matcher.Match(_tracks, _lostOfAge, detections, _high, Options.HighMatchIou, _trackMatch, _detectionUsed, buffer);
        }
    }

    /// <summary>
    /// Fills <paramref name="output"/> (cleared first) with the confirmed tracks not matched in the last
    /// <see cref="Update(IReadOnlyList{Detection}, List{TrackedPerson})"/>, still within the lost buffer: people the
    /// detector missed, whom a counting rule may take as hidden (see <see cref="Analysis.HiddenPeopleOptions"/>).
    /// </summary>
    public void CollectLost(List<LostPerson> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Clear();
        foreach (Track track in _tracks)
        {
            if (track.State == TrackState.Lost)
            {
                output.Add(new LostPerson(track.Id, track.Predicted, track.FramesSinceUpdate, Travel(track.FirstDetection, track.LastDetection)));
            }
        }
    }

    /// <summary>How far the box centre moved from <paramref name="first"/> to <paramref name="last"/>, in box heights.</summary>
    private static float Travel(in Detection first, in Detection last)
    {
        float dx = ((last.X1 + last.X2) - (first.X1 + first.X2)) * 0.5f;
        float dy = ((last.Y1 + last.Y2) - (first.Y1 + first.Y2)) * 0.5f;
        return MathF.Sqrt((dx * dx) + (dy * dy)) / Math.Max(1f, last.Height);
    }

    /// <summary>Convenience overload that returns a new list (allocates; prefer the list-filling overload per frame).</summary>
    public IReadOnlyList<TrackedPerson> Update(IReadOnlyList<Detection> detections)
    {
        ArgumentNullException.ThrowIfNull(detections);
        var output = new List<TrackedPerson>(detections.Count);
        Update(detections, output);
        return output;
    }

    /// <summary>Forgets every track; ids continue from where they were so they stay unique.</summary>
    public void Reset()
    {
        foreach (Track track in _tracks)
        {
            _pool.Push(track);
        }

        _tracks.Clear();
    }

    private void PrepareBuffers(IReadOnlyList<Detection> detections)
    {
        if (_trackMatch.Length < _tracks.Count)
        {
            _trackMatch = new int[Math.Max(_tracks.Count, _trackMatch.Length * 2)];
        }

        if (_detectionUsed.Length < detections.Count)
        {
            _detectionUsed = new bool[Math.Max(detections.Count, _detectionUsed.Length * 2)];
        }

        Array.Fill(_trackMatch, -1, 0, _tracks.Count);
        Array.Clear(_detectionUsed, 0, detections.Count);

        _high.Clear();
        _low.Clear();
        for (int i = 0; i < detections.Count; i++)
        {
            float score = detections[i].Confidence;
            if (score >= Options.HighScoreThreshold)
            {
                _high.Add(i);
            }
            else if (score >= Options.LowScoreThreshold)
            {
                _low.Add(i);
            }
        }

        _confirmed.Clear();
        _tentative.Clear();
        _seenLastFrame.Clear();
        _lostLastFrame.Clear();
        for (int i = 0; i < _tracks.Count; i++)
        {
            TrackState state = _tracks[i].State;
            (state == TrackState.Tentative ? _tentative : _confirmed).Add(i);
            if (state != TrackState.Tentative)
            {
                (state == TrackState.Tracked ? _seenLastFrame : _lostLastFrame).Add(i);
            }
        }
    }

    private void ApplyMatches(IReadOnlyList<Detection> detections, int trackCount)
    {
        for (int i = 0; i < trackCount; i++)
        {
            Track track = _tracks[i];
            int di = _trackMatch[i];
            if (di >= 0)
            {
                track.Correct(detections[di], Options.Alpha, Options.Beta, Options.ReupdateAfterOcclusion);
                if (track.State == TrackState.Tentative)
                {
                    if (track.Hits >= Options.MinimumHits)
                    {
                        Confirm(track);
                    }
                }
                else
                {
                    track.State = TrackState.Tracked;
                }
            }
            else
            {
                track.MarkMissed();
                if (track.State == TrackState.Tracked)
                {
                    track.State = TrackState.Lost;
                }
            }
        }
    }

    private void StartNewTracks(IReadOnlyList<Detection> detections)
    {
        foreach (int di in _high)
        {
            if (_detectionUsed[di] || detections[di].Confidence < Options.NewTrackThreshold)
            {
                continue;
            }

            Track track = _pool.Count > 0 ? _pool.Pop() : new Track();
            track.Start(detections[di], Options.Motion);
            if (Options.MinimumHits <= 1)
            {
                Confirm(track);
            }

            _tracks.Add(track);
        }
    }

    private void RemoveDeadTracks()
    {
        // Stable in-place compaction keeps the output in creation order without allocating.
        int kept = 0;
        for (int i = 0; i < _tracks.Count; i++)
        {
            Track track = _tracks[i];
            bool dead = (track.State == TrackState.Tentative && track.FramesSinceUpdate > 0)
                || (track.State == TrackState.Lost && track.FramesSinceUpdate > Options.LostTrackBuffer);
            if (dead)
            {
                _pool.Push(track);
            }
            else
            {
                _tracks[kept++] = track;
            }
        }

        _tracks.RemoveRange(kept, _tracks.Count - kept);
    }

    private void Confirm(Track track)
    {
        track.State = TrackState.Tracked;
        track.Id = _nextId++;
    }
}
