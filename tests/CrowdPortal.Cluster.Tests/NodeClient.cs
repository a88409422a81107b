using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrowdPortal.Tests.Shared;

namespace CrowdPortal.Cluster.Tests;

/// <summary>
/// A user of the cluster as a browser and a script would be: a cookie jar shared by every node it talks to (cookies are
/// per host, so all loopback nodes get them) and, once created, a personal API token.
/// </summary>
public sealed partial class NodeClient : IDisposable
{
    public const string Password = "correct horse battery staple";

    private readonly HttpClient _http;

    public NodeClient(CookieContainer? cookies = null)
    {
        Cookies = cookies ?? new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(2) };
    }

    public CookieContainer Cookies { get; }

    public string? ApiToken { get; private set; }

    /// <summary>The Cookie header this client would send to <paramref name="node"/>, for a SignalR connection.</summary>
    public string CookieHeader(PortalNode node) => Cookies.GetCookieHeader(new Uri(node.BaseUrl));

    public async Task<string> AntiforgeryTokenAsync(PortalNode node, string page)
    {
        string html = await _http.GetStringAsync(node.BaseUrl + page);
        return TokenInPage().Match(html).Groups["token"].Value;
    }

    public async Task<HttpResponseMessage> PostFormAsync(PortalNode node, string path, Dictionary<string, string> fields, string token)
    {
        var all = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await _http.PostAsync(node.BaseUrl + path, new FormUrlEncodedContent(all));
    }

    public async Task RegisterAsync(PortalNode node, string userName)
    {
        string token = await AntiforgeryTokenAsync(node, "/Account/Register");
        var response = await PostFormAsync(node, "/Account/Register",
            new() { ["UserName"] = userName, ["Password"] = Password, ["ConfirmPassword"] = Password }, token);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Creates a personal API token on the Settings page of <paramref name="node"/> and keeps it.</summary>
    public async Task<HttpResponseMessage> CreateApiTokenAsync(PortalNode node, string? tokenFrom = null)
    {
        string token = tokenFrom ?? await AntiforgeryTokenAsync(node, "/Settings");
        var response = await PostFormAsync(node, "/Settings/CreateToken", new() { ["CreateToken.Name"] = "cluster tests" }, token);
        var match = NewTokenSecret().Match(await response.Content.ReadAsStringAsync());
        if (match.Success)
        {
            ApiToken = match.Groups["t"].Value;
        }

        return response;
    }

    public Task<HttpResponseMessage> GetAsync(PortalNode node, string path) => _http.GetAsync(node.BaseUrl + path);

    /// <summary>An API call with the personal token (no cookie-style antiforgery needed).</summary>
    public async Task<HttpResponseMessage> ApiAsync(PortalNode node, HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, node.BaseUrl + path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiToken ?? throw new InvalidOperationException("Create an API token first."));
        return await _http.SendAsync(request);
    }

    public async Task<JsonElement> ApiJsonAsync(PortalNode node, string path)
    {
        var response = await ApiAsync(node, HttpMethod.Get, path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Uploads vtest.avi and draws the sample zones; returns the video id.</summary>
    public async Task<long> UploadSampleWithZonesAsync(PortalNode web)
    {
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(RepoPaths.SampleVideo));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var upload = await ApiAsync(web, HttpMethod.Post, "/api/v1/videos", new MultipartFormDataContent { { file, "file", "vtest.avi" } });
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        long id = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var zones = await ApiAsync(web, HttpMethod.Put, $"/api/v1/videos/{id}/zones", new StringContent(SampleZones, Encoding.UTF8, "application/json"));
        zones.EnsureSuccessStatusCode();
        return id;
    }

    public async Task StartAnalysisAsync(PortalNode web, long id) =>
        Assert.Equal(HttpStatusCode.Accepted, (await ApiAsync(web, HttpMethod.Post, $"/api/v1/videos/{id}/analysis")).StatusCode);

    /// <summary>Polls the video through <paramref name="web"/> until <paramref name="done"/> holds; fails after the timeout.</summary>
    public async Task<JsonElement> WaitForVideoAsync(PortalNode web, long id, TimeSpan timeout, Func<JsonElement, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement video = default;
        while (DateTime.UtcNow < deadline)
        {
            video = await ApiJsonAsync(web, $"/api/v1/videos/{id}");
            if (done(video))
            {
                return video;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Video {id}: {what} did not happen within {timeout}; last: {video}");
    }

    /// <summary>The name of the node whose <c>videos</c> list (System status) holds the video, or null.</summary>
    public async Task<string?> NodeAnalysingAsync(PortalNode web, long id)
    {
        var status = await ApiJsonAsync(web, "/api/v1/admin/status");
        return status.GetProperty("nodes").EnumerateArray()
            .Where(n => n.GetProperty("videos").EnumerateArray().Any(v => v.GetInt64() == id))
            .Select(n => n.GetProperty("name").GetString())
            .FirstOrDefault();
    }

    /// <summary>The video's counts.csv as (zone, second) pairs, one per row.</summary>
    public async Task<List<(string Zone, double Second)>> CountRowsAsync(PortalNode web, long id)
    {
        var response = await ApiAsync(web, HttpMethod.Get, $"/api/v1/videos/{id}/counts.csv");
        response.EnsureSuccessStatusCode();
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split(',');
        int time = Array.IndexOf(header, "time_s");
        int zone = Array.IndexOf(header, "zone_id");
        return lines.Skip(1).Select(l => l.Split(','))
            .Select(c => (c[zone], double.Parse(c[time], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A polygon over the lower half of the frame and a counting line.</summary>
    private const string SampleZones = """
        [
          {"zoneId":"lower","label":"Lower half","kind":"polygon","points":[[0,0.5],[1,0.5],[1,1],[0,1]],"warning":1,"critical":3,"colour":"#1e90ff"},
          {"zoneId":"crossing","label":"Crossing","kind":"line","points":[[0,0.6],[1,0.6]]}
        ]
        """;

    [GeneratedRegex("(?:name=\"__RequestVerificationToken\" type=\"hidden\" value=\"|name=\"request-verification-token\" content=\")(?<token>[^\"]+)\"")]
    private static partial Regex TokenInPage();

    [GeneratedRegex("id=\"new-token-secret\">(?<t>[^<]+)<")]
    private static partial Regex NewTokenSecret();
}
