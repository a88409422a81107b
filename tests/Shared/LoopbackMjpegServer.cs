using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CrowdPortal.Tests.Shared;

/// <summary>
/// A stand-in IP camera: the sample video served in a loop, in real time, as MJPEG over HTTP on a free 127.0.0.1 port
/// by the system's ffmpeg (<c>-re -stream_loop -1 ... -f mpjpeg -listen 1</c>). ffmpeg's HTTP server serves one client
/// and then exits, so while started the server is restarted whenever it exits: a client that reconnects (after a stall
/// on a loaded machine, say) finds the camera again, as it would a real one. <see cref="Stop"/> takes it away for good.
/// </summary>
public sealed class LoopbackMjpegServer : IDisposable
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromMilliseconds(100);

    private readonly object _gate = new();
    private CancellationTokenSource? _running;
    private Task? _supervisor;
    private Process? _process;

    public LoopbackMjpegServer(string? videoPath = null)
    {
        VideoPath = videoPath ?? RepoPaths.SampleVideo;
        Port = FreeLoopbackPort();
    }

    /// <summary>A port that was free a moment ago on 127.0.0.1.</summary>
    public static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public string VideoPath { get; }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/live.mjpeg";

    /// <summary>How many times ffmpeg has been started (1 + restarts after a client left).</summary>
    public int Starts { get; private set; }

    /// <summary>Starts serving (and keeps serving until <see cref="Stop"/>).</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_running is not null)
            {
                return;
            }

            _running = new CancellationTokenSource();
            StartProcess();
            _supervisor = SuperviseAsync(_running.Token);
        }
    }

    /// <summary>Kills the server and keeps it down: connected clients drop, new ones are refused.</summary>
    public void Stop()
    {
        Task? supervisor;
        lock (_gate)
        {
            if (_running is null)
            {
                return;
            }

            _running.Cancel();
            KillProcess();
            supervisor = _supervisor;
            _running.Dispose();
            _running = null;
            _supervisor = null;
        }

        supervisor?.Wait(TimeSpan.FromSeconds(5));
    }

    public void Dispose() => Stop();

    private async Task SuperviseAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                Process? current;
                lock (_gate)
                {
                    current = _process;
                }

                if (current is not null)
                {
                    await current.WaitForExitAsync(stop);
                }

                await Task.Delay(RestartDelay, stop);
                lock (_gate)
                {
                    if (!stop.IsCancellationRequested)
                    {
                        KillProcess();
                        StartProcess();
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void StartProcess()
    {
        var start = new ProcessStartInfo("ffmpeg") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in (string[])[
            "-hide_banner", "-loglevel", "error", "-nostdin", "-re", "-stream_loop", "-1", "-i", VideoPath,
            "-c:v", "mjpeg", "-q:v", "5", "-f", "mpjpeg", "-listen", "1", Url])
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start");
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        Starts++;
    }

    private void KillProcess()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        _process = null;
    }
}
