namespace CrowdPortal.Vision.Sources;

/// <summary>Connection state of a live stream.</summary>
public enum StreamState
{
    /// <summary>First connection attempt under way.</summary>
    Connecting,

    /// <summary>Frames are arriving.</summary>
    Online,

    /// <summary>The stream dropped or could not be opened; waiting out the back-off before the next attempt.</summary>
    Reconnecting,

    /// <summary>Stopped: disposed, or gave up after the configured number of attempts. No more frames will come.</summary>
    Offline,
}
