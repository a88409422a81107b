using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrowdPortal.Web.Tests.Infrastructure;

namespace CrowdPortal.Web.Tests.Cameras;

/// <summary>The cameras API as the Cameras page's script uses it (login cookie + antiforgery header).</summary>
internal static class CameraClient
{
    public static Task<HttpResponseMessage> AddCameraAsync(this PortalClient client, object body, bool withAntiforgery = true) =>
        SendAsync(client, HttpMethod.Post, "/api/v1/cameras", body, withAntiforgery);

    public static async Task<long> AddIpCameraAsync(this PortalClient client, string name, string url)
    {
        var response = await client.AddCameraAsync(new { name, url });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await PortalClient.ReadJsonAsync(response)).GetProperty("id").GetInt64();
    }

    public static async Task<long> AddWebcamAsync(this PortalClient client, string name)
    {
        var response = await client.AddCameraAsync(new { name, kind = "webcam" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await PortalClient.ReadJsonAsync(response)).GetProperty("id").GetInt64();
    }

    public static Task<HttpResponseMessage> CameraActionAsync(this PortalClient client, long id, string action) =>
        SendAsync(client, HttpMethod.Post, $"/api/v1/cameras/{id}/{action}", null, true);

    public static async Task<HttpResponseMessage> PutCameraZonesAsync(this PortalClient client, long id, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/cameras/{id}/zones")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("RequestVerificationToken", await client.GetAntiforgeryTokenAsync("/Videos"));
        return await client.Http.SendAsync(request);
    }

    public static async Task<JsonElement> GetCameraAsync(this PortalClient client, long id) =>
        await PortalClient.ReadJsonAsync(await client.Http.GetAsync($"/api/v1/cameras/{id}"));

    /// <summary>Polls the camera until <paramref name="condition"/> holds; fails after the timeout with the last state.</summary>
    public static async Task<JsonElement> WaitForCameraAsync(this PortalClient client, long id, TimeSpan timeout, Func<JsonElement, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement camera = default;
        while (DateTime.UtcNow < deadline)
        {
            camera = await client.GetCameraAsync(id);
            if (condition(camera))
            {
                return camera;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Camera {id}: {what} did not happen in {timeout}; last: {camera}");
    }

    private static async Task<HttpResponseMessage> SendAsync(PortalClient client, HttpMethod method, string path, object? body, bool withAntiforgery)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (withAntiforgery)
        {
            request.Headers.Add("RequestVerificationToken", await client.GetAntiforgeryTokenAsync("/Videos"));
        }

        return await client.Http.SendAsync(request);
    }
}
