namespace CrowdPortal.Web.Cameras;

/// <summary>
/// What a camera's owner is told when its stream fails. Only these sentences are shown, never what the far end answered:
/// echoing a service's reply ("403 Forbidden", an SSH banner) would turn the camera form into a probe of the network
/// around the server. The full (redacted) ffmpeg message still goes to the server's log for the administrator.
/// </summary>
internal static class CameraErrorText
{
    public const string Unreachable = "unreachable: nothing answered at this address (check the host, the port and that the camera is on)";

    public const string NotAVideoStream = "not a video stream: the address answered, but not with video (check the path, user name and password)";

    public const string Stalled = "the stream stopped sending frames";

    private static readonly string[] ConnectionFailures =
    [
        "Connection refused", "Connection timed out", "timed out", "No route to host", "Network is unreachable",
        "Name or service not known", "Temporary failure in name resolution", "Failed to resolve", "Connection reset",
        "no frame for", "Host is unreachable",
    ];

    /// <summary>The owner's sentence for a stream error (ffmpeg's message, or the source's own), null for none.</summary>
    public static string? ForOwner(string? error, bool hadFrames)
    {
        if (error is null)
        {
            return null;
        }

        if (error.StartsWith("refused: ", StringComparison.Ordinal) || error == Unreachable)
        {
            return error;
        }

        if (ConnectionFailures.Any(f => error.Contains(f, StringComparison.OrdinalIgnoreCase)))
        {
            return hadFrames && error.StartsWith("no frame for", StringComparison.Ordinal) ? Stalled : Unreachable;
        }

        return hadFrames ? Stalled : NotAVideoStream;
    }
}
