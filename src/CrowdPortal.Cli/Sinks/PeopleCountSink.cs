using CrowdPortal.Vision.Pipeline;

namespace CrowdPortal.Cli.Sinks;

/// <summary>Keeps the people count of every analysed frame, by frame index (for <c>eval</c>).</summary>
internal sealed class PeopleCountSink : AnalysisSink
{
    public Dictionary<long, int> PeopleByFrame { get; } = [];

    public override void OnFrame(FrameAnalysis frame) => PeopleByFrame[frame.Index] = frame.Result.People;
}
