using OpenCvSharp;

namespace CrowdPortal.Vision.Sources;

/// <summary>
/// Frames of a video file, decoded by OpenCV's bundled FFmpeg. Each frame's time is the container's presentation time
/// (CAP_PROP_POS_MSEC); when the container gives none (0 or not increasing), index / fps is used instead.
/// The constructor decodes the first frame, so a file that opens but does not decode fails here, not mid-analysis.
/// </summary>
public sealed class VideoFileSource : IFrameSource
{
    /// <summary>Frame rate assumed when a container declares none, so timestamps still advance.</summary>
    private const double FallbackFps = 25;

    private readonly VideoCapture _capture;
    private readonly Mat _firstFrame = new();
    private readonly double _fps;
    private bool _firstFramePending = true;
    private long _nextIndex;
    private double _lastTime = double.NegativeInfinity;

    /// <summary>Opens <paramref name="path"/>.</summary>
    /// <exception cref="VideoSourceException">The file is missing, is not a video, or its first frame does not decode.</exception>
    public VideoFileSource(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
        string name = System.IO.Path.GetFileName(path);
        if (Directory.Exists(path))
        {
            throw new VideoSourceException($"'{path}' is a folder, not a video file");
        }

        if (!File.Exists(path))
        {
            throw new VideoSourceException($"video file not found: {path}");
        }

        _capture = new VideoCapture(path, VideoCaptureAPIs.FFMPEG);
        try
        {
            if (!_capture.IsOpened())
            {
                throw new VideoSourceException($"cannot open '{name}': not a video file that FFmpeg can read");
            }

            if (!_capture.Read(_firstFrame) || _firstFrame.Empty())
            {
                throw new VideoSourceException($"cannot decode '{name}': the file opens but no frame decodes");
            }

            double fps = _capture.Fps;
            _fps = double.IsFinite(fps) && fps > 0 ? fps : FallbackFps;
            long count = _capture.FrameCount;
            Info = new FrameSourceInfo(
                count > 0 ? count : null,
                double.IsFinite(fps) && fps > 0 ? fps : null,
                _firstFrame.Width,
                _firstFrame.Height,
                IsLive: false);
        }
        catch
        {
            _capture.Dispose();
            _firstFrame.Dispose();
            throw;
        }
    }

    /// <summary>The file being read.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public FrameSourceInfo Info { get; }

    /// <inheritdoc />
    public bool TryRead(Mat destination, out FrameStamp stamp, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        cancellationToken.ThrowIfCancellationRequested();
        if (_firstFramePending)
        {
            _firstFramePending = false;
            _firstFrame.CopyTo(destination);
            _firstFrame.Release();
        }
        else if (!_capture.Read(destination) || destination.Empty())
        {
            // End of file, or a damaged tail: containers often over-declare their frame count, so this is not an error.
            stamp = default;
            return false;
        }

        long index = _nextIndex++;
        stamp = new FrameStamp(index, FrameTime(index));
        return true;
    }

    /// <summary>
    /// Moves to frame <paramref name="index"/> (0-based): the next <see cref="TryRead"/> returns it with that index.
    /// Returns false when the container cannot seek.
    /// </summary>
    public bool Seek(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        _firstFramePending = false;
        _firstFrame.Release();
        if (!_capture.Set(VideoCaptureProperties.PosFrames, index))
        {
            return false;
        }

        _nextIndex = index;
        _lastTime = double.NegativeInfinity;
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _capture.Dispose();
        _firstFrame.Dispose();
    }

    private double FrameTime(long index)
    {
        double posMsec = _capture.PosMsec;
        double time = double.IsFinite(posMsec) && posMsec >= 0 && posMsec / 1000.0 > _lastTime
            ? posMsec / 1000.0
            : index / _fps;

        // Never let a jittery container make time run backwards: samplers bucket frames by time.
        time = Math.Max(time, _lastTime);
        _lastTime = time;
        return time;
    }
}
