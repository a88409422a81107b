using System.Net;
using System.Text.Json;
using CrowdPortal.Web.Tests.Infrastructure;

namespace CrowdPortal.Web.Tests.Notifications;

/// <summary>The channels API as a page's script would call it (login cookie + antiforgery header).</summary>
public static class ChannelClient
{
    public static readonly string[] AllEvents =
        ["alert.started", "alert.ended", "alert.acknowledged", "camera.offline", "camera.online", "analysis.completed", "analysis.failed"];

    /// <summary>Creates a webhook channel and returns its id and its secret (in the 201 only).</summary>
    public static async Task<(long Id, string Secret)> CreateWebhookAsync(this PortalClient client, string url, string[]? events = null, string name = "receiver")
    {
        var response = await client.SendWithTokenAsync(HttpMethod.Post, "/api/v1/channels",
            new { kind = "webhook", name, url, events = events ?? AllEvents });
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var json = JsonDocument.Parse(text).RootElement;
        return (json.GetProperty("id").GetInt64(), json.GetProperty("secret").GetString()!);
    }

    public static async Task<JsonElement> GetJsonAsync(this PortalClient client, string path)
    {
        var response = await client.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PortalClient.ReadJsonAsync(response);
    }

    /// <summary>Polls the channel until <paramref name="done"/> holds; fails after the timeout.</summary>
    public static async Task<JsonElement> WaitForChannelAsync(this PortalClient client, long id, Func<JsonElement, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement channel = default;
        while (DateTime.UtcNow < deadline)
        {
            channel = await client.GetJsonAsync($"/api/v1/channels/{id}");
            if (done(channel))
            {
                return channel;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Channel {id} did not become {what} in {timeout}; last: {channel}");
    }
}
