using CrowdPortal.Data.Entities;
namespace CrowdPortal.Web.Cameras;

/// <summary>
/// What a running camera (or webcam session) knows right now, kept in memory: connection state, when its last frame
/// arrived, its analysed frame rate, its newest frame as a JPEG, and the result batches buffered or dropped while the
/// database was away. Written by the camera's threads, read by the API.
/// </summary>
public sealed class CameraLiveState(long cameraId, TimeProvider clock)
{
    /// <summary>The analysed frame rate is frames in this last stretch of time: it falls to 0 soon after frames stop.</summary>
    public static readonly TimeSpan FpsWindow = TimeSpan.FromSeconds(3);

    private readonly object _gate = new();
    private readonly Queue<long> _recentFrames = new();
    private CameraConnection _connection = CameraConnection.Offline;
    private DateTime? _lastFrameAt;
    private byte[]? _latestJpeg;
    private PrivacyLevel _privacy;
    private string? _lastError;
    private long _droppedSamples;
    private int _bufferedBatches;

    public long CameraId { get; } = cameraId;

    public CameraConnection Connection
    {
        get
        {
            lock (_gate)
            {
                return _connection;
            }
        }
    }

    /// <summary>Why the stream is not online (credentials hidden); null while online.</summary>
    public string? LastError
    {
        get
        {
            lock (_gate)
            {
                return _lastError;
            }
        }
    }

    public void SetLastError(string? error)
    {
        lock (_gate)
        {
            _lastError = error;
        }
    }

    public DateTime? LastFrameAt
    {
        get
        {
            lock (_gate)
            {
                return _lastFrameAt;
            }
        }
    }

    /// <summary>Frames analysed per second over the last <see cref="FpsWindow"/>; 0 when none arrived in it.</summary>
    public double Fps
    {
        get
        {
            lock (_gate)
            {
                ForgetFramesBefore(clock.GetTimestamp());
                return _recentFrames.Count / FpsWindow.TotalSeconds;
            }
        }
    }

    /// <summary>Samples (zone × interval rows) lost because the buffer was full while the database was unavailable.</summary>
    public long DroppedSamples => Interlocked.Read(ref _droppedSamples);

    /// <summary>Result batches waiting for the database.</summary>
    public int BufferedBatches => Volatile.Read(ref _bufferedBatches);

    public byte[]? LatestJpeg
    {
        get
        {
            lock (_gate)
            {
                return _latestJpeg;
            }
        }
    }

    /// <summary>Sets the connection state; true when it changed.</summary>
    public bool SetConnection(CameraConnection connection)
    {
        lock (_gate)
        {
            if (_connection == connection)
            {
                return false;
            }

            _connection = connection;
            return true;
        }
    }

    /// <summary>Records that a frame has just been analysed.</summary>
    public void OnFrame()
    {
        lock (_gate)
        {
            _lastFrameAt = clock.GetUtcNow().UtcDateTime;
            long now = clock.GetTimestamp();
            _recentFrames.Enqueue(now);
            ForgetFramesBefore(now);
        }
    }

    /// <summary>The newest picture with the level it was made for, read together; null when there is none.</summary>
    public CameraPicture? Picture
    {
        get
        {
            lock (_gate)
            {
                return _latestJpeg is null ? null : new CameraPicture(_latestJpeg, _privacy);
            }
        }
    }

    /// <summary>The privacy level the camera's pictures are made for (<see cref="SetPrivacy"/>).</summary>
    public PrivacyLevel Privacy
    {
        get
        {
            lock (_gate)
            {
                return _privacy;
            }
        }
    }

    /// <summary>
    /// Sets the level pictures are made for. A snapshot made at another level is dropped at once, so a picture is never
    /// served at a level it was not made for (the next snapshot follows within a few seconds). True when it changed.
    /// </summary>
    public bool SetPrivacy(PrivacyLevel level)
    {
        lock (_gate)
        {
            if (_privacy == level)
            {
                return false;
            }

            _privacy = level;
            _latestJpeg = null;
            return true;
        }
    }

    /// <summary>Keeps <paramref name="jpeg"/> as the camera's picture, unless the level changed while it was made.</summary>
    public void SetLatestJpeg(byte[] jpeg, PrivacyLevel madeFor)
    {
        lock (_gate)
        {
            if (madeFor == _privacy)
            {
                _latestJpeg = jpeg;
            }
        }
    }

    public void AddDropped(long samples) => Interlocked.Add(ref _droppedSamples, samples);

    /// <summary>Starts the dropped counter from what the database already recorded (the counter survives restarts).</summary>
    public void SeedDropped(long samples) => Interlocked.Exchange(ref _droppedSamples, samples);

    public void SetBuffered(int batches) => Volatile.Write(ref _bufferedBatches, batches);

    private void ForgetFramesBefore(long now)
    {
        while (_recentFrames.Count > 0 && clock.GetElapsedTime(_recentFrames.Peek(), now) > FpsWindow)
        {
            _recentFrames.Dequeue();
        }
    }
}
