using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CrowdPortal.Web.Tests.Infrastructure;

/// <summary>
/// A browser-like client: keeps cookies, reads antiforgery tokens from the pages like a browser would, and speaks the
/// forms and API of the portal.
/// </summary>
public sealed partial class PortalClient(HttpClient http, CookieContainer cookies) : IDisposable
{
    public const string DefaultPassword = "correct horse battery staple";

    public HttpClient Http { get; } = http;

    /// <summary>The Cookie header this client sends, e.g. to replay it from another client.</summary>
    public string CookieHeader => cookies.GetCookieHeader(Http.BaseAddress!);

    public static string NewUserName() => "user" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>The antiforgery token a page carries (hidden field or meta tag).</summary>
    public async Task<string> GetAntiforgeryTokenAsync(string path = "/Account/Login")
    {
        string html = await Http.GetStringAsync(path);
        var match = TokenInPage().Match(html);
        Assert.True(match.Success, $"No antiforgery token on {path}");
        return WebUtility.HtmlDecode(match.Groups["token"].Value);
    }

    public async Task<HttpResponseMessage> PostFormAsync(string path, IDictionary<string, string> fields, string? tokenFromPage = null)
    {
        string token = await GetAntiforgeryTokenAsync(tokenFromPage ?? path);
        var all = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await Http.PostAsync(path, new FormUrlEncodedContent(all));
    }

    public Task<HttpResponseMessage> RegisterAsync(string userName, string password = DefaultPassword) =>
        PostFormAsync("/Account/Register", new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["ConfirmPassword"] = password,
        });

    public Task<HttpResponseMessage> LoginAsync(string userName, string password = DefaultPassword) =>
        PostFormAsync("/Account/Login", new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = password });

    /// <summary>Registers a new user (signed in afterwards) and returns the user name.</summary>
    public async Task<string> RegisterNewUserAsync()
    {
        string name = NewUserName();
        var response = await RegisterAsync(name);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return name;
    }

    /// <summary>Creates a personal API token on the Settings page, as a user would, and returns its secret (shown once).</summary>
    public async Task<string> CreateApiTokenAsync(string name = "script")
    {
        var created = await PostFormAsync("/Settings/CreateToken", new Dictionary<string, string> { ["CreateToken.Name"] = name }, "/Settings");
        string secret = NewTokenSecret().Match(await created.Content.ReadAsStringAsync()).Groups["t"].Value;
        Assert.StartsWith("cpt_", secret);
        return secret;
    }

    /// <summary>Uploads through the API with the page's antiforgery header, like the upload form's script.</summary>
    public async Task<HttpResponseMessage> UploadAsync(byte[] content, string fileName, bool withAntiforgery = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/videos") { Content = Multipart(content, fileName) };
        if (withAntiforgery)
        {
            request.Headers.Add("RequestVerificationToken", await GetAntiforgeryTokenAsync("/Videos"));
        }

        return await Http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> DeleteVideoAsync(long id, bool withAntiforgery = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/videos/{id}");
        if (withAntiforgery)
        {
            request.Headers.Add("RequestVerificationToken", await GetAntiforgeryTokenAsync("/Videos"));
        }

        return await Http.SendAsync(request);
    }

    public static MultipartFormDataContent Multipart(byte[] content, string fileName)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("(?:name=\"__RequestVerificationToken\" type=\"hidden\" value=\"|name=\"request-verification-token\" content=\")(?<token>[^\"]+)\"")]
    private static partial Regex TokenInPage();

    [GeneratedRegex("id=\"new-token-secret\">(?<t>[^<]+)<")]
    private static partial Regex NewTokenSecret();
}
