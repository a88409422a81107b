namespace CrowdPortal.Core.Tracking;

/// <summary>
/// Settings of <see cref="ByteTracker"/>. Defaults follow ByteTrack/supervision, scaled for surveillance detectors
/// whose useful person scores sit around 0.3–0.6. For the low-score stage to help, the detector must pass boxes down
/// to <see cref="LowScoreThreshold"/>; boxes below it are ignored.
/// </summary>
public sealed record TrackerOptions
{
    /// <summary>Detections at or above this score are "high": matched first and allowed to start tracks.</summary>
    public float HighScoreThreshold { get; init; } = 0.4f;

    /// <summary>Detections in [low, high) only extend existing tracks (second stage), never start one.</summary>
    public float LowScoreThreshold { get; init; } = 0.1f;

    /// <summary>An unmatched high detection starts a new (tentative) track only at or above this score.</summary>
    public float NewTrackThreshold { get; init; } = 0.4f;

    /// <summary>Minimum IoU between a track's predicted box and a high detection (first stage).</summary>
    public float HighMatchIou { get; init; } = 0.2f;

    /// <summary>Minimum IoU for a low detection to extend a still-tracked track (second stage; stricter because low scores are noisier).</summary>
    public float LowMatchIou { get; init; } = 0.5f;

    /// <summary>Minimum IoU to extend a tentative (not yet confirmed) track.</summary>
    public float TentativeMatchIou { get; init; } = 0.3f;

    /// <summary>Frames a confirmed track survives unmatched (predicted forward) before it is dropped. 30 = 3 s at 10 fps.</summary>
    public int LostTrackBuffer { get; init; } = 30;

    /// <summary>
    /// Consecutive matched frames before a track is confirmed and gets an id. 1 = confirm immediately. 3 (0.3 s at
    /// 10 fps) keeps one- and two-frame false boxes and split boxes in a group from taking ids (see Alpha).
    /// </summary>
    public int MinimumHits { get; init; } = 3;

    /// <summary>
    /// Alpha-beta filter gains: how much a measurement corrects the predicted position (alpha) and velocity (beta).
    /// Higher alpha follows the detector closely; lower smooths jitter. On vtest.avi against eval/vtest-ids.txt,
    /// 0.6/0.2 with <see cref="MinimumHits"/> 3 kept IDF1 at 0.79-0.80 for every detector threshold from 0.45 to 0.50,
    /// where 0.8/0.3 with 2 hits swung between 0.62 and 0.81 (two people walking side by side swap ids or not) and
    /// made more switches (12-14 against 9-11). 0.5/0.1 lags behind people who turn (tripled the ids on synthetic crowds).
    /// </summary>
    public float Alpha { get; init; } = 0.6f;

    /// <inheritdoc cref="Alpha"/>
    public float Beta { get; init; } = 0.2f;

    /// <summary>
    /// Tracks seen in the last frame match confident detections before lost tracks do (a matching cascade by age, as in
    /// DeepSORT), instead of all confirmed tracks in one assignment: a track predicted blind through an occlusion no
    /// longer takes the box of a person who was seen all along. On vtest.avi against eval/vtest-ids.txt (frames 0-399,
    /// thresholds 0.45-0.50) it made as many or fewer ID switches for both NanoDet models (float 9-11, int8 7-8 against
    /// 12); IDF1, which hangs on one or two near-tie crossings there, rose for int8 (0.63 to 0.83) and fell for float
    /// (0.80 to 0.75).
    /// </summary>
    public bool SeenTracksFirst { get; init; } = true;

    /// <summary>
    /// How much a lost track's search box grows per frame it has been lost, as a fraction of its size on each side
    /// (buffered IoU, as C-BIoU): a person predicted blind drifts from the straight path, so the longer they are out of
    /// sight the wider the box they may be found in again. Both the predicted box and the detection are widened by the
    /// same fraction, so a box found where it was predicted keeps its IoU. 0 = no buffer. On vtest.avi against
    /// eval/vtest-ids.txt (frames 0-399, int8 NanoDet) 0.2 took ID switches from 7 to 4 and IDF1 from 0.834 to 0.876
    /// (0.15 and 0.25: 5 switches; 0.1: 7; 0.3: 6).
    /// </summary>
    public float LostBoxBufferPerFrame { get; init; } = 0.2f;

    /// <summary>
    /// With <see cref="SeenTracksFirst"/>: lost tracks match in order of frames lost (most recently lost first, one
    /// assignment per age, DeepSORT's matching cascade) instead of in one assignment, so a person lost a moment ago is
    /// not outbid by one lost long ago whose widened box happens to overlap more. With the 0.2 buffer: 4 ID switches
    /// against 6 in one assignment.
    /// </summary>
    public bool LostTracksByAge { get; init; } = true;

    /// <summary>How a track's box is predicted from frame to frame.</summary>
    public MotionModel Motion { get; init; } = MotionModel.AlphaBeta;

    /// <summary>
    /// Kalman only: when a lost track is found again, re-filter the missed frames along a straight path between the two
    /// sightings (OC-SORT's observation-centric re-update) instead of keeping the velocity drifted while predicting blind.
    /// </summary>
    public bool ReupdateAfterOcclusion { get; init; }
}
