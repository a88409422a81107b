using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CrowdPortal.Vision.Tests.Sources;

/// <summary>
/// Serves the sample video in a loop as an MJPEG-over-HTTP stream on a loopback port with the system's ffmpeg
/// (<c>-listen 1</c>: one client at a time). Killed on dispose.
/// </summary>
internal sealed class FfmpegStreamServer : IDisposable
{
    private Process? _process;

    public FfmpegStreamServer(string videoPath, int port)
    {
        VideoPath = videoPath;
        Port = port;
    }

    public string VideoPath { get; }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/stream";

    /// <summary>A port that was free a moment ago on 127.0.0.1.</summary>
    public static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Start()
    {
        var start = new ProcessStartInfo("ffmpeg")
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
        };
        foreach (string arg in (string[])[
            "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1", "-i", VideoPath,
            "-c:v", "mjpeg", "-q:v", "5", "-f", "mpjpeg", "-listen", "1", Url])
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start");
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public void Stop()
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

    public void Dispose() => Stop();
}
