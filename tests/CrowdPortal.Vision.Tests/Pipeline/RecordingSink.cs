using CrowdPortal.Core.Alerts;
using CrowdPortal.Core.Counting;
using CrowdPortal.Vision.Pipeline;

namespace CrowdPortal.Vision.Tests.Pipeline;

/// <summary>Records every call the pipeline makes, copying what the pipeline reuses.</summary>
internal sealed class RecordingSink : IAnalysisSink
{
    public List<string> Calls { get; } = [];

    public AnalysisStart? Start { get; private set; }

    public List<(long Index, double Time, int People, int Tracks, int[] ZoneCurrent)> Frames { get; } = [];

    public List<CountSample> Samples { get; } = [];

    public List<AlertEvent> Alerts { get; } = [];

    public AnalysisSummary? Summary { get; private set; }

    public Action<FrameAnalysis>? OnEachFrame { get; init; }

    public void OnStarted(AnalysisStart start)
    {
        Calls.Add("started");
        Start = start;
    }

    public void OnFrame(FrameAnalysis frame)
    {
        Calls.Add("frame");
        int[] zones = frame.Result.Zones.Select(z => z.Current).ToArray();
        Frames.Add((frame.Index, frame.TimeSeconds, frame.Result.People, frame.Result.Tracks.Count, zones));
        OnEachFrame?.Invoke(frame);
    }

    public void OnSamples(IReadOnlyList<CountSample> samples)
    {
        Calls.Add("samples");
        Samples.AddRange(samples);
    }

    public void OnAlerts(IReadOnlyList<AlertEvent> events)
    {
        Calls.Add("alerts");
        Alerts.AddRange(events);
    }

    public void OnCompleted(AnalysisSummary summary)
    {
        Calls.Add("completed");
        Summary = summary;
    }
}
