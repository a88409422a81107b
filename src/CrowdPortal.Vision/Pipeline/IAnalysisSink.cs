using CrowdPortal.Core.Alerts;
using CrowdPortal.Core.Counting;

namespace CrowdPortal.Vision.Pipeline;

/// <summary>
/// Receives an analysis as it runs: CSV writers in the CLI, database rows and SignalR pushes in the web app.
/// Called on the pipeline's detection thread, in order; a slow sink slows the analysis (queue in the sink if needed).
/// </summary>
public interface IAnalysisSink
{
    /// <summary>Before the first frame.</summary>
    void OnStarted(AnalysisStart start);

    /// <summary>After each analysed frame. <paramref name="frame"/> is reused for the next frame.</summary>
    void OnFrame(FrameAnalysis frame);

    /// <summary>Count samples completed (one per zone per interval, plus the whole-frame series), in time order.</summary>
    void OnSamples(IReadOnlyList<CountSample> samples);

    /// <summary>Alert events (a zone's level started, changed or ended), including those closed at the end of the run.</summary>
    void OnAlerts(IReadOnlyList<AlertEvent> events);

    /// <summary>After the last frame and the final partial samples; not called when the run fails or is cancelled.</summary>
    void OnCompleted(AnalysisSummary summary);
}
