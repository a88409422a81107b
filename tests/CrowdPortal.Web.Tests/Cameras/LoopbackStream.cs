using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CrowdPortal.Tests.Shared;

namespace CrowdPortal.Web.Tests.Cameras;

/// <summary>
/// The sample video served in a loop, in real time, as an MJPEG-over-HTTP stream on a free 127.0.0.1 port by the system's
/// ffmpeg (<c>-re -stream_loop -1 ... -listen 1</c>): a stand-in IP camera that a test can kill and start again.
/// </summary>
internal sealed class LoopbackStream : IDisposable
{
    private Process? _process;

    public LoopbackStream()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/live.mjpeg";

    public void Start()
    {
        var start = new ProcessStartInfo("ffmpeg") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in (string[])[
            "-hide_banner", "-loglevel", "error", "-nostdin", "-re", "-stream_loop", "-1", "-i", RepoPaths.SampleVideo,
            "-c:v", "mjpeg", "-q:v", "5", "-f", "mpjpeg", "-listen", "1", Url])
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start");
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    /// <summary>Kills the server: the camera's connection drops.</summary>
    public void Kill()
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

    public void Dispose() => Kill();
}
