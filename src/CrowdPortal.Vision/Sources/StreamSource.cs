using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCvSharp;

namespace CrowdPortal.Vision.Sources;

/// <summary>
/// A live RTSP/HTTP(S)/RTMP stream. A background reader pulls frames through an <c>ffmpeg</c> child process (the FFmpeg
/// that OpenCV bundles has no network protocols) as raw YUV4MPEG2, converts them to BGR and keeps only the newest one, so a
/// slow consumer drops frames instead of lagging behind the live picture. When the stream drops, cannot be opened or
/// stalls, the reader reconnects with exponential, bounded back-off and reports its <see cref="State"/>.
/// </summary>
public sealed class StreamSource : IFrameSource
{
    private static readonly string[] SupportedSchemes = ["rtsp", "rtsps", "http", "https", "rtmp"];
    private static readonly TimeSpan ShutdownWait = TimeSpan.FromSeconds(5);

    private readonly StreamSourceOptions _options;
    private readonly ILogger _logger;
    private readonly LatestFrameSlot _slot = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private readonly Task _reader;
    private FrameSourceInfo _info = new(null, null, 0, 0, IsLive: true);
    private StreamState _state = StreamState.Connecting;
    private string? _lastError;
    private string? _lastFfmpegMessage;
    private int _connections;

    /// <summary>Starts connecting to <paramref name="url"/> in the background.</summary>
    /// <exception cref="ArgumentException">The URL is not an absolute rtsp/rtsps/http/https/rtmp URL.</exception>
    public StreamSource(string url, StreamSourceOptions? options = null, ILogger? logger = null)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || !SupportedSchemes.Contains(uri.Scheme))
        {
            throw new ArgumentException($"not a stream URL: '{url}' (expected rtsp://, rtsps://, http://, https:// or rtmp://)", nameof(url));
        }

        Url = url;
        _options = options ?? new StreamSourceOptions();
        _logger = logger ?? NullLogger.Instance;
        _reader = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Raised on the reader thread whenever <see cref="State"/> changes.</summary>
    public event EventHandler<StreamState>? StateChanged;

    /// <summary>The stream's URL.</summary>
    public string Url { get; }

    /// <inheritdoc />
    public FrameSourceInfo Info
    {
        get
        {
            lock (_gate)
            {
                return _info;
            }
        }
    }

    /// <summary>Current connection state.</summary>
    public StreamState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Why the last connection ended or failed; null while none has.</summary>
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

    /// <summary>Connections that delivered at least one frame (1 + successful reconnections).</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Frames received but replaced by a newer one before the consumer took them.</summary>
    public long DroppedFrames => _slot.DroppedCount;

    /// <inheritdoc />
    public bool TryRead(Mat destination, out FrameStamp stamp, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return _slot.TryTake(destination, out stamp, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _reader.Wait(ShutdownWait);
        }
        catch (AggregateException)
        {
            // The reader logs its own failures; disposal must not throw.
        }

        _slot.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        int failedAttempts = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                bool gotFrames = await ReadOneConnectionAsync(stop).ConfigureAwait(false);
                if (stop.IsCancellationRequested)
                {
                    break;
                }

                failedAttempts = gotFrames ? 1 : failedAttempts + 1;
                if (_options.MaxAttempts is int max && failedAttempts >= max)
                {
                    _logger.LogWarning("Stream {Url} gave up after {Attempts} failed attempts: {Error}", Url, failedAttempts, LastError);
                    break;
                }

                SetState(StreamState.Reconnecting);
                TimeSpan delay = _options.BackoffFor(failedAttempts);
                _logger.LogInformation("Stream {Url} dropped ({Error}); reconnecting in {Delay}", Url, LastError, delay);
                await Task.Delay(delay, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed while waiting.
        }
        catch (Win32Exception ex)
        {
            SetError($"cannot start {_options.FfmpegPath}: {ex.Message}");
            _logger.LogError("Stream {Url}: {Error}", Url, LastError);
        }
        catch (Exception ex)
        {
            // A bug or a native failure: end the stream visibly rather than leave readers waiting on a dead task.
            SetError(ex.Message);
            _logger.LogError(ex, "Stream {Url} stopped", Url);
        }
        finally
        {
            SetState(StreamState.Offline);
            _slot.Complete();
        }
    }

    /// <summary>Runs one ffmpeg connection until the stream ends, stalls or the source stops.</summary>
    /// <returns>Whether the connection delivered at least one frame.</returns>
    private async Task<bool> ReadOneConnectionAsync(CancellationToken stop)
    {
        bool gotFrames = false;
        StreamConnectTarget target;
        try
        {
            target = _options.ResolveTarget is null
                ? new StreamConnectTarget(Url, [])
                : await _options.ResolveTarget(Url, stop).ConfigureAwait(false);
        }
        catch (StreamTargetRefusedException ex)
        {
            SetError(ex.Message);
            return false;
        }

        using Process ffmpeg = StartFfmpeg(target);
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(stop);

        // Killing ffmpeg closes its stdout, which ends any read in progress even where a pipe read ignores cancellation.
        using CancellationTokenRegistration killOnCancel = stall.Token.Register(() => Kill(ffmpeg));
        try
        {
            var reader = new Y4mFrameReader(new BufferedStream(ffmpeg.StandardOutput.BaseStream, 1 << 16));
            stall.CancelAfter(_options.StallTimeout);
            if (!await reader.ReadHeaderAsync(stall.Token).ConfigureAwait(false))
            {
                SetError(FfmpegMessageOr("the stream ended before its first frame"));
                return false;
            }

            byte[] planes = new byte[reader.FrameBytes];
            using Mat yuv = Mat.FromPixelData(reader.Height * 3 / 2, reader.Width, MatType.CV_8UC1, planes);
            using var bgr = new Mat();
            while (true)
            {
                stall.CancelAfter(_options.StallTimeout);
                if (!await reader.ReadFrameAsync(planes, stall.Token).ConfigureAwait(false))
                {
                    SetError(FfmpegMessageOr("the stream ended"));
                    return gotFrames;
                }

                Cv2.CvtColor(yuv, bgr, ColorConversionCodes.YUV2BGR_I420);
                if (!gotFrames)
                {
                    // State first, so a reader woken by this frame already sees the source online.
                    gotFrames = true;
                    Interlocked.Increment(ref _connections);
                    lock (_gate)
                    {
                        _info = _info with { Width = reader.Width, Height = reader.Height };
                    }

                    SetState(StreamState.Online);
                }

                _slot.Publish(bgr, _clock.Elapsed.TotalSeconds);
            }
        }
        catch (Exception ex) when (!stop.IsCancellationRequested && ex is OperationCanceledException or IOException or InvalidDataException or ObjectDisposedException)
        {
            SetError(ex is OperationCanceledException
                ? $"no frame for {_options.StallTimeout.TotalSeconds:0.#} s"
                : FfmpegMessageOr(ex.Message));
            return gotFrames;
        }
        finally
        {
            Kill(ffmpeg);
        }
    }

    private Process StartFfmpeg(StreamConnectTarget target)
    {
        var start = new ProcessStartInfo(_options.FfmpegPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (string arg in (string[])["-hide_banner", "-nostdin", "-loglevel", "error"])
        {
            start.ArgumentList.Add(arg);
        }

        IReadOnlyList<string> inputArguments = _options.InputArguments.Count == 0 && Url.StartsWith("rtsp", StringComparison.OrdinalIgnoreCase)
            ? ["-rtsp_transport", "tcp"]
            : _options.InputArguments;
        foreach (string arg in inputArguments.Concat(target.InputArguments))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (string arg in (string[])["-i", target.Url, "-an", "-sn", "-dn", "-f", "yuv4mpegpipe", "-pix_fmt", "yuv420p", "pipe:1"])
        {
            start.ArgumentList.Add(arg);
        }

        _lastFfmpegMessage = null;
        var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
            {
                Volatile.Write(ref _lastFfmpegMessage, e.Data);
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }

    private string FfmpegMessageOr(string fallback) => Volatile.Read(ref _lastFfmpegMessage) ?? fallback;

    private void SetError(string message)
    {
        lock (_gate)
        {
            _lastError = message;
        }
    }

    private void SetState(StreamState state)
    {
        lock (_gate)
        {
            if (_state == state)
            {
                return;
            }

            _state = state;
        }

        try
        {
            StateChanged?.Invoke(this, state);
        }
        catch (Exception ex)
        {
            // A faulty subscriber must not stop the reader.
            _logger.LogError(ex, "StateChanged handler failed for stream {Url}", Url);
        }
    }
}
