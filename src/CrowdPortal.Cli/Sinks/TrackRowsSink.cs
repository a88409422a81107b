using CrowdPortal.Core.Evaluation;
using CrowdPortal.Core.Tracking;
using CrowdPortal.Vision.Pipeline;

namespace CrowdPortal.Cli.Sinks;

/// <summary>Keeps every confirmed track box as a MOTChallenge row (1-based frame), for <c>eval --tracks-truth</c>.</summary>
internal sealed class TrackRowsSink : AnalysisSink
{
    public List<MotRow> Rows { get; } = [];

    public override void OnFrame(FrameAnalysis frame)
    {
        int motFrame = checked((int)frame.Index + 1);
        foreach (TrackedPerson person in frame.Result.Tracks)
        {
            Rows.Add(new MotRow(motFrame, person.TrackId, person.Detection));
        }
    }
}
