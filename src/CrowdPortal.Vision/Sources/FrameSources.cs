using Microsoft.Extensions.Logging;

namespace CrowdPortal.Vision.Sources;

/// <summary>Opens the right frame source for what a user typed: a stream URL or a video file path.</summary>
public static class FrameSources
{
    /// <summary>True for rtsp/rtsps/http/https/rtmp URLs, which <see cref="StreamSource"/> reads.</summary>
    public static bool IsStreamUrl(string location) =>
        Uri.TryCreate(location, UriKind.Absolute, out Uri? uri)
        && uri.Scheme is "rtsp" or "rtsps" or "http" or "https" or "rtmp";

    /// <summary>A <see cref="StreamSource"/> for a stream URL, else a <see cref="VideoFileSource"/> for a file.</summary>
    /// <exception cref="VideoSourceException">The file is missing or does not decode.</exception>
    public static IFrameSource Open(string location, StreamSourceOptions? streamOptions = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        return IsStreamUrl(location) ? new StreamSource(location, streamOptions, logger) : new VideoFileSource(location);
    }
}
