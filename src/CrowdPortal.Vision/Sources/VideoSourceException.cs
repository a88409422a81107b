namespace CrowdPortal.Vision.Sources;

/// <summary>
/// A video that cannot be opened or decoded. The message is written for the person who supplied the video
/// (it names the file and says what is wrong), so callers can show it as it is.
/// </summary>
public sealed class VideoSourceException : Exception
{
    public VideoSourceException(string message)
        : base(message)
    {
    }

    public VideoSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
