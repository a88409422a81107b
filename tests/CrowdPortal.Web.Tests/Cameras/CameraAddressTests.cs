using System.Net;
using System.Net.Sockets;
using System.Text;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Tests.Shared;
using CrowdPortal.Vision.Sources;
using CrowdPortal.Web.Cameras;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Tests.Cameras;

/// <summary>
/// Camera addresses cannot be turned against the server (SSRF): which addresses are refused, when (on save and at every
/// connection, after DNS), and that an owner is told "unreachable" or "not a video stream", never what the far end said.
/// </summary>
public sealed class CameraAddressTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>label, url, Cameras:AllowLoopback, Cameras:AllowedNetworks (comma-separated), refused.</summary>
    public static TheoryData<string, string, bool, string, bool> RefusalTable => new()
    {
        { "cloud metadata service", "http://169.254.169.254/latest/meta-data/", false, "", true },
        { "cloud metadata, loopback allowed", "http://169.254.169.254/latest/meta-data/", true, "", true },
        { "metadata as IPv4-mapped IPv6", "http://[::ffff:169.254.169.254]/", true, "", true },
        { "IPv6 link-local", "rtsp://[fe80::1]/live", true, "", true },
        { "link-local inside an allowed network", "http://169.254.1.1/", false, "169.254.0.0/16", true },
        { "ssh on loopback", "http://127.0.0.1:22/", false, "", true },
        { "redis on IPv6 loopback", "http://[::1]:6379/", false, "", true },
        { "localhost by name", "rtsp://localhost:8554/live", false, "", true },
        { "anywhere in 127/8", "http://127.8.9.10/", false, "", true },
        { "0.0.0.0 reaches this machine", "http://0.0.0.0:80/", false, "", true },
        { "loopback written as a number", "http://2130706433/", false, "", true },
        { "loopback allowed by the administrator", "http://127.0.0.1:8080/live.mjpeg", true, "", false },
        { "IPv6 loopback allowed by the administrator", "http://[::1]:8080/live.mjpeg", true, "", false },
        { "camera on the LAN", "rtsp://192.168.1.20:554/stream1", false, "", false },
        { "public address", "rtsps://203.0.113.7/live", false, "", false },
        { "inside the allowed networks", "rtsp://10.1.2.3/live", false, "10.0.0.0/8,192.168.5.0/24", false },
        { "outside the allowed networks", "rtsp://192.168.1.20/live", false, "10.0.0.0/8,192.168.5.0/24", true },
    };

    [Theory]
    [MemberData(nameof(RefusalTable))]
    public async Task Policy_RefusesOnSave_AndAgainBeforeConnecting(string label, string url, bool allowLoopback, string networks, bool refused)
    {
        var policy = Policy(allowLoopback, networks);

        string? onSave = await policy.CheckSavedAsync(new Uri(url), CancellationToken.None);
        Exception? onConnect = await Record.ExceptionAsync(() => policy.ResolveTargetAsync(url, CancellationToken.None));

        Assert.True(refused == (onSave is not null), $"{label}: on save {onSave ?? "accepted"}");
        Assert.True(refused == (onConnect is StreamTargetRefusedException), $"{label}: on connect {onConnect?.Message ?? "accepted"}");
        Assert.True(onConnect is null or StreamTargetRefusedException, $"{label}: {onConnect}");
    }

    [Fact]
    public async Task ConnectTarget_PinsAPlainHttpNameToTheCheckedAddress_KeepsItsHost_AndForbidsRedirects()
    {
        var target = await Policy(allowLoopback: true, "").ResolveTargetAsync("http://localhost:8080/live.mjpeg", CancellationToken.None);

        var pinned = new Uri(target.Url);
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(pinned.Host.Trim('[', ']'))), target.Url);
        Assert.Equal("/live.mjpeg", pinned.AbsolutePath);
        Assert.Equal(["-max_redirects", "0", "-headers", "Host: localhost:8080\r\n"], target.InputArguments);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://127.0.0.1:22/")]
    [InlineData("http://[::1]:6379/")]
    [InlineData("rtsp://localhost/live")]
    public async Task AddingACameraAtTheServersOwnOrLinkLocalAddress_Is400_AndNothingIsStored(string url)
    {
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, new Dictionary<string, string?> { ["Cameras:AllowLoopback"] = "false" });
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();

        var response = await client.AddCameraAsync(new { name = "Probe", url });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cannot be used", (await PortalClient.ReadJsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await PortalClient.ReadJsonAsync(await client.Http.GetAsync("/api/v1/cameras"))).GetArrayLength());
    }

    [Fact]
    public async Task ACameraStoredBeforeTheRule_IsRefusedAtConnectTime_WithoutConnecting()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite,
            new Dictionary<string, string?>(CameraStreamTests.FastReconnect) { ["Cameras:AllowLoopback"] = "false" });
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        // Saved through the API under an allowed address, then pointed (as an older installation or a DNS change would)
        // at this server's loopback.
        long id = await client.AddIpCameraAsync("Gate", "rtsp://192.0.2.10/live");
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
            string protectedUrl = scope.ServiceProvider.GetRequiredService<CameraUrlProtector>().Protect($"http://127.0.0.1:{port}/live.mjpeg");
            await db.Videos.Where(v => v.Id == id).ExecuteUpdateAsync(s => s.SetProperty(v => v.StreamUrlProtected, protectedUrl));
        }

        await client.CameraActionAsync(id, "start");
        var camera = await client.WaitForCameraAsync(id, Patience, c => c.GetProperty("lastError").GetString() is not null, "reporting an error");

        Assert.StartsWith("refused: ", camera.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.False(listener.Pending(), "ffmpeg connected to the refused address");
        await client.CameraActionAsync(id, "stop");
    }

    [Fact]
    public async Task AServiceThatIsNotACamera_IsReportedAsNotAVideoStream_WithoutEchoingItsAnswer()
    {
        using var service = new TcpListener(IPAddress.Loopback, 0);
        service.Start();
        using var stop = new CancellationTokenSource();
        Task answering = AnswerForbiddenAsync(service, stop.Token);
        int closedPort = LoopbackMjpegServer.FreeLoopbackPort();
        // The default stall timeout (10 s): on a busy machine a shorter one can expire before ffmpeg has even started,
        // and a stall reads as "unreachable".
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, new Dictionary<string, string?> { ["Cameras:InitialBackoffSeconds"] = "0.2" });
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long notACamera = await client.AddIpCameraAsync("Internal", $"http://127.0.0.1:{((IPEndPoint)service.LocalEndpoint).Port}/admin");
        long nothing = await client.AddIpCameraAsync("Closed", $"http://127.0.0.1:{closedPort}/live");

        await client.CameraActionAsync(notACamera, "start");
        await client.CameraActionAsync(nothing, "start");
        var answered = await client.WaitForCameraAsync(notACamera, Patience, c => c.GetProperty("lastError").GetString() is not null, "reporting an error");
        var closed = await client.WaitForCameraAsync(nothing, Patience, c => c.GetProperty("lastError").GetString() is not null, "reporting an error");
        string page = await client.Http.GetStringAsync("/Cameras");
        await client.CameraActionAsync(notACamera, "stop");
        await client.CameraActionAsync(nothing, "stop");
        await stop.CancelAsync();
        await answering;

        Assert.Equal(CameraErrorText.NotAVideoStream, answered.GetProperty("lastError").GetString());
        Assert.Equal(CameraErrorText.Unreachable, closed.GetProperty("lastError").GetString());
        foreach (string text in (string[])[answered.ToString(), page])
        {
            // The status as a number of its own: the service's random port (say 40341) may hold the same digits.
            Assert.DoesNotMatch(@"\b403\b", text);
            Assert.DoesNotContain("Forbidden", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SecretService", text, StringComparison.Ordinal);
        }
    }

    private static CameraAddressPolicy Policy(bool allowLoopback, string networks) =>
        new(Options.Create(new CameraSettings
        {
            AllowLoopback = allowLoopback,
            AllowedNetworks = networks.Split(',', StringSplitOptions.RemoveEmptyEntries),
        }), NullLogger<CameraAddressPolicy>.Instance);

    /// <summary>An internal HTTP service that answers every request with a 403 naming itself.</summary>
    private static async Task AnswerForbiddenAsync(TcpListener listener, CancellationToken stop)
    {
        byte[] answer = Encoding.ASCII.GetBytes(
            "HTTP/1.1 403 Forbidden\r\nServer: SecretService/1.0\r\nContent-Length: 21\r\nConnection: close\r\n\r\nSecretService refuses");
        try
        {
            while (true)
            {
                using var connection = await listener.AcceptTcpClientAsync(stop);
                var stream = connection.GetStream();
                byte[] request = new byte[4096];
                _ = await stream.ReadAsync(request, stop);
                await stream.WriteAsync(answer, stop);
            }
        }
        catch (OperationCanceledException)
        {
            // Test over.
        }
    }
}
