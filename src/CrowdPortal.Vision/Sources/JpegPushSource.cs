using System.Diagnostics;
using OpenCvSharp;

namespace CrowdPortal.Vision.Sources;

/// <summary>
/// Frames pushed one JPEG at a time (a browser webcam posting snapshots). Keeps only the newest decoded frame: when the
/// analysis is slower than the camera, older frames are dropped rather than queued. Push from any thread; read from one.
/// </summary>
public sealed class JpegPushSource : IFrameSource
{
    private readonly LatestFrameSlot _slot = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _infoGate = new();
    private FrameSourceInfo _info = new(null, null, 0, 0, IsLive: true);

    /// <inheritdoc />
    public FrameSourceInfo Info
    {
        get
        {
            lock (_infoGate)
            {
                return _info;
            }
        }
    }

    /// <summary>Frames pushed but replaced by a newer one before the reader took them.</summary>
    public long DroppedFrames => _slot.DroppedCount;

    /// <summary>Decodes <paramref name="jpeg"/> and makes it the newest frame.</summary>
    /// <param name="jpeg">One complete JPEG file.</param>
    /// <param name="timeSeconds">The frame's capture time; seconds since this source was created when null.</param>
    /// <exception cref="InvalidDataException">The bytes are not a JPEG image, or the JPEG does not decode.</exception>
    public void Push(ReadOnlySpan<byte> jpeg, double? timeSeconds = null)
    {
        // A JPEG starts with the SOI marker FF D8 followed by another marker (FF xx).
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8 || jpeg[2] != 0xFF)
        {
            throw new InvalidDataException(jpeg.IsEmpty
                ? "the pushed frame is empty: expected JPEG bytes"
                : "the pushed frame is not a JPEG image (it does not start with the JPEG marker FF D8 FF)");
        }

        using Mat decoded = Cv2.ImDecode(jpeg, ImreadModes.Color);
        if (decoded.Empty())
        {
            throw new InvalidDataException("the pushed JPEG could not be decoded (truncated or damaged)");
        }

        lock (_infoGate)
        {
            if (_info.Width != decoded.Width || _info.Height != decoded.Height)
            {
                _info = _info with { Width = decoded.Width, Height = decoded.Height };
            }
        }

        _slot.Publish(decoded, timeSeconds ?? _clock.Elapsed.TotalSeconds);
    }

    /// <summary>Ends the source: the reader gets the last pending frame, then <see cref="TryRead"/> returns false.</summary>
    public void Complete() => _slot.Complete();

    /// <inheritdoc />
    public bool TryRead(Mat destination, out FrameStamp stamp, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return _slot.TryTake(destination, out stamp, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _slot.Complete();
        _slot.Dispose();
    }
}
