using System.Net.Http.Headers;
using CrowdPortal.Web.Tests.Cameras;
using CrowdPortal.Web.Tests.Infrastructure;

namespace CrowdPortal.Web.Tests;

/// <summary>
/// What an operator reads in the logs: sign-ins and a failing camera are there, and no password, API token or camera
/// credential ever is (SECURITY.md: never log passwords, tokens, cookies or connection strings).
/// </summary>
public sealed class LogSecrecyTests
{
    private const string CameraPassword = "Cam3raS3cret";

    [Fact]
    public async Task Logs_NameWhatHappened_WithoutPasswordsTokensOrCameraCredentials()
    {
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, CameraStreamTests.FastReconnect);
        using var client = factory.CreatePortalClient();
        string userName = await client.RegisterNewUserAsync();
        await client.PostFormAsync("/Account/Logout", new Dictionary<string, string>(), "/Videos");
        await client.LoginAsync(userName);
        await client.LoginAsync(userName, "not the password");
        await client.LoginAsync(userName);
        string token = await client.CreateApiTokenAsync();
        using var script = factory.CreatePortalClient();
        script.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.True((await script.Http.GetAsync("/api/v1/videos")).IsSuccessStatusCode);

        // A camera whose stream cannot be reached: its failures are logged, with the URL redacted.
        long camera = await client.AddIpCameraAsync("Gate", $"rtsp://viewer:{CameraPassword}@127.0.0.1:9/stream1?token=abc123");
        await client.CameraActionAsync(camera, "start");
        await client.WaitForCameraAsync(camera, TimeSpan.FromSeconds(30), c => c.GetProperty("state").GetString() == "reconnecting", "failing to connect");
        string failure = $"Camera {camera} (rtsp://***@127.0.0.1:9/stream1?***) is reconnecting";
        for (int i = 0; i < 50 && !factory.Logs.Lines.Any(l => l.Contains(failure, StringComparison.Ordinal)); i++)
        {
            await Task.Delay(100); // the state changes just before its log line is written
        }

        await client.CameraActionAsync(camera, "stop");

        string log = string.Join('\n', factory.Logs.Lines);
        Assert.Contains($"User {userName} signed in", log, StringComparison.Ordinal);
        Assert.Contains("Failed sign-in", log, StringComparison.Ordinal);
        Assert.Contains(failure, log, StringComparison.Ordinal);
        foreach (string secret in (string[])[PortalClient.DefaultPassword, "not the password", token, token[4..], CameraPassword, "abc123"])
        {
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
        }
    }
}
