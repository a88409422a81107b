using System.Diagnostics;
using CrowdPortal.Vision.Sources;

namespace CrowdPortal.Web.Cameras;

/// <summary>
/// One browser page feeding one webcam camera: the frames it pushes (newest only), the running analysis, and the
/// mapping from each frame's analysis time back to the page's capture timestamp.
/// </summary>
public sealed class WebcamSession : IDisposable
{
    private const int RememberedFrames = 16;

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly (double Time, double CapturedAtMs)[] _recent = new (double, double)[RememberedFrames];
    private readonly object _gate = new();
    private int _next;
    private double _lastTime = -1;

    public WebcamSession(long cameraId, string connectionId)
    {
        CameraId = cameraId;
        ConnectionId = connectionId;
    }

    public long CameraId { get; }

    public string ConnectionId { get; }

    public JpegPushSource Source { get; } = new();

    /// <summary>Stops the analysis; cancelled when the page leaves or another page takes the webcam over.</summary>
    public CancellationTokenSource Stop { get; } = new();

    /// <summary>The running analysis; set once by <see cref="WebcamSessions"/>.</summary>
    public Task Running { get; set; } = Task.CompletedTask;

    /// <summary>Pushed frames replaced by a newer one before the analysis took them.</summary>
    public long DroppedFrames => Source.DroppedFrames;

    /// <summary>Decodes and queues one frame; remembers its capture timestamp.</summary>
    /// <exception cref="InvalidDataException">Not a decodable JPEG.</exception>
    public void Push(byte[] jpeg, double capturedAtMs)
    {
        double time;
        lock (_gate)
        {
            // Strictly increasing, so the counter's intervals and the lookup below are well defined.
            time = Math.Max(_clock.Elapsed.TotalSeconds, _lastTime + 1e-6);
            _lastTime = time;
            _recent[_next] = (time, capturedAtMs);
            _next = (_next + 1) % RememberedFrames;
        }

        Source.Push(jpeg, time);
    }

    /// <summary>The page's capture timestamp of the frame analysed at <paramref name="time"/>; 0 when forgotten.</summary>
    public double CapturedAtMs(double time)
    {
        lock (_gate)
        {
            foreach (var (t, captured) in _recent)
            {
                if (t == time)
                {
                    return captured;
                }
            }
        }

        return 0;
    }

    public void Dispose()
    {
        Source.Dispose();
        Stop.Dispose();
    }
}
