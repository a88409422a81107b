namespace CrowdPortal.Vision.Sources;

/// <summary>
/// What ffmpeg opens for one connection attempt of a <see cref="StreamSource"/>: the URL (for instance with its host
/// replaced by an address the caller resolved and checked) and input options placed before <c>-i</c>.
/// </summary>
public sealed record StreamConnectTarget(string Url, IReadOnlyList<string> InputArguments);

/// <summary>
/// Thrown by <see cref="StreamSourceOptions.ResolveTarget"/> when the stream's address must not be connected to; the
/// attempt fails with <see cref="Exception.Message"/> as the source's error, and is retried after the back-off.
/// </summary>
public sealed class StreamTargetRefusedException(string message) : Exception(message);
