using CrowdPortal.Web.Analysis;
using CrowdPortal.Web.Cameras;
using CrowdPortal.Web.ViewModels;

namespace CrowdPortal.Web.Hubs;

/// <summary>
/// What the analysis hub calls on its clients: each method's name is the SignalR method name on the wire, written
/// only here (docs/API.md, "Live updates"). The pages listen through <c>wwwroot/js/hub-events.js</c>, which a test
/// keeps equal to this interface.
/// </summary>
public interface IAnalysisClient
{
    /// <summary>A few times a second while a video is analysed.</summary>
    Task Progress(ProgressMessage message);

    /// <summary>An analysed frame's boxes and zone counts (at most 5 a second).</summary>
    Task Frame(FrameMessage message);

    /// <summary>The zone samples of each completed interval.</summary>
    Task Samples(SamplesMessage message);

    /// <summary>An alert started, changed level or ended.</summary>
    Task Alert(AlertDto alert);

    /// <summary>An analysis ended (completed, failed or cancelled).</summary>
    Task Completed(CompletedMessage message);

    /// <summary>A camera's connection state and figures (cameras only).</summary>
    Task Camera(CameraStatusMessage status);
}
