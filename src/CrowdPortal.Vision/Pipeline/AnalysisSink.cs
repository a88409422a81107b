using CrowdPortal.Core.Alerts;
using CrowdPortal.Core.Counting;

namespace CrowdPortal.Vision.Pipeline;

/// <summary>A sink that ignores every call; derive from it and override only what you need.</summary>
public abstract class AnalysisSink : IAnalysisSink
{
    /// <inheritdoc />
    public virtual void OnStarted(AnalysisStart start)
    {
    }

    /// <inheritdoc />
    public virtual void OnFrame(FrameAnalysis frame)
    {
    }

    /// <inheritdoc />
    public virtual void OnSamples(IReadOnlyList<CountSample> samples)
    {
    }

    /// <inheritdoc />
    public virtual void OnAlerts(IReadOnlyList<AlertEvent> events)
    {
    }

    /// <inheritdoc />
    public virtual void OnCompleted(AnalysisSummary summary)
    {
    }
}
