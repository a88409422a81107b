using CrowdPortal.Web.Cameras;

namespace CrowdPortal.Web.Hubs;

/// <summary>
/// What the webcam hub calls on the page that sends the frames; the method name is the SignalR method name on the
/// wire, written only here (the page listens through <c>wwwroot/js/hub-events.js</c>, kept equal by a test).
/// </summary>
public interface IWebcamClient
{
    /// <summary>One analysed frame's boxes and zone counts, to the connection that captured it.</summary>
    Task Result(WebcamResult result);
}
