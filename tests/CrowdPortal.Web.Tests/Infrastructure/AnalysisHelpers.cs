using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CrowdPortal.Web.Tests.Infrastructure;

/// <summary>Zones, analysis start and waiting, as a page's script would do them.</summary>
public static class AnalysisHelpers
{
    /// <summary>A polygon over the lower half of the frame with low thresholds, a counting line and a small mask.</summary>
    public const string SampleZones = """
        [
          {"zoneId":"lower","label":"Lower half","kind":"polygon","points":[[0,0.5],[1,0.5],[1,1],[0,1]],"warning":1,"critical":3,"colour":"#1e90ff"},
          {"zoneId":"crossing","label":"Crossing","kind":"line","points":[[0,0.6],[1,0.6]]},
          {"zoneId":"sign","label":"Sign","kind":"mask","points":[[0.9,0],[1,0],[1,0.1],[0.9,0.1]]}
        ]
        """;

    public static async Task<HttpResponseMessage> PutZonesAsync(this PortalClient client, long videoId, string json, bool withAntiforgery = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/videos/{videoId}/zones")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (withAntiforgery)
        {
            request.Headers.Add("RequestVerificationToken", await client.GetAntiforgeryTokenAsync("/Videos"));
        }

        return await client.Http.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> SendWithTokenAsync(this PortalClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        request.Headers.Add("RequestVerificationToken", await client.GetAntiforgeryTokenAsync("/Videos"));
        return await client.Http.SendAsync(request);
    }

    public static async Task<long> UploadSampleAsync(this PortalClient client)
    {
        var response = await client.UploadAsync(SampleFiles.Video, "vtest.avi");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await PortalClient.ReadJsonAsync(response)).GetProperty("id").GetInt64();
    }

    /// <summary>Polls the video until its status is one of <paramref name="statuses"/>; fails after the timeout.</summary>
    public static async Task<JsonElement> WaitForStatusAsync(this PortalClient client, long videoId, TimeSpan timeout, params string[] statuses)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement video = default;
        while (DateTime.UtcNow < deadline)
        {
            video = await PortalClient.ReadJsonAsync(await client.Http.GetAsync($"/api/v1/videos/{videoId}"));
            if (statuses.Contains(video.GetProperty("status").GetString()))
            {
                return video;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Video {videoId} did not reach {string.Join("/", statuses)} in {timeout}; last: {video}");
    }
}
