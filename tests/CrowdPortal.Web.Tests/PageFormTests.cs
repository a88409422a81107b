using System.Net;
using System.Text.RegularExpressions;
using CrowdPortal.Web.Tests.Cameras;
using CrowdPortal.Web.Tests.Infrastructure;
using CrowdPortal.Web.Tests.Notifications;

namespace CrowdPortal.Web.Tests;

/// <summary>
/// Every form a page shows can be sent by the browser itself: a POST form carries its antiforgery token field (without
/// it the server refuses the change as an expired form), and the forms that need their page script (those it sends through
/// the API with the token in a header, and deletions it asks to confirm) ship their button disabled until that script has
/// taken over. Checked on every page, filled so that each form appears: an administrator with an upload, a camera, a
/// webcam, channels and an API token.
/// </summary>
public sealed partial class PageFormTests
{
    /// <summary>Forms whose page script sends them through the API; the browser must never send them by itself.</summary>
    private static readonly HashSet<string> ScriptSent = ["upload-form", "add-ip-camera", "add-webcam"];

    [Fact]
    public async Task EveryPostForm_OnEveryPage_CarriesItsToken_OrWaitsForItsScript()
    {
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite);
        using var anonymous = factory.CreatePortalClient();
        var pages = new Dictionary<string, string>
        {
            ["/Account/Login"] = await anonymous.Http.GetStringAsync("/Account/Login"),
            ["/Account/Register"] = await anonymous.Http.GetStringAsync("/Account/Register"),
        };
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync(); // the first account: the administrator, with the System and mail pages
        long video = await client.UploadSampleAsync();
        long camera = await client.AddIpCameraAsync("Gate", "rtsp://10.0.0.7/live");
        long webcam = await client.AddWebcamAsync("Desk");
        await client.CreateWebhookAsync("http://127.0.0.1:9/hook");
        Assert.Equal(HttpStatusCode.Created, (await client.SendWithTokenAsync(HttpMethod.Post, "/api/v1/channels",
            new { kind = "mqtt", name = "Broker", host = "127.0.0.1", port = 1, topicPrefix = "crowdportal", events = ChannelClient.AllEvents })).StatusCode);
        await client.CreateApiTokenAsync();
        string[] paths =
        [
            "/Videos", $"/Dashboard/{video}", $"/Graphs/{video}", $"/Dashboard/{camera}", $"/Graphs/{camera}", "/Alerts",
            "/Cameras", "/Cameras/Wall", $"/Cameras/Webcam/{webcam}", "/Settings", "/Settings/Notifications", "/Admin", "/Admin/MailServer",
        ];
        foreach (string path in paths)
        {
            var response = await client.Http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
            pages[path] = await response.Content.ReadAsStringAsync();
        }

        int postForms = 0, confirmForms = 0;
        foreach (var (path, html) in pages)
        {
            foreach (Match form in Form().Matches(html))
            {
                string tag = form.Groups["tag"].Value;
                string id = Id().Match(tag) is { Success: true } m ? m.Groups[1].Value : "(no id)";
                bool asksFirst = tag.Contains("data-confirm=", StringComparison.Ordinal);
                if (ScriptSent.Contains(id) || asksFirst)
                {
                    Assert.True(DisabledSubmit().IsMatch(form.Groups["body"].Value), $"{path}: the form {id} needs its script but its button is enabled: {tag}");
                    confirmForms += asksFirst ? 1 : 0;
                }

                if (!ScriptSent.Contains(id) && PostMethod().IsMatch(tag))
                {
                    postForms++;
                    Assert.True(form.Groups["body"].Value.Contains("name=\"__RequestVerificationToken\"", StringComparison.Ordinal),
                        $"{path}: the POST form {id} has no antiforgery token field: {tag}");
                }
            }
        }

        // The pages' POST forms were found (sign-in, register, sign-out on each page, the header forms, the channels' and tokens' buttons…).
        Assert.True(postForms > 30, $"only {postForms} POST forms found");
        Assert.Equal(4, confirmForms); // Delete of the upload and of the two channels, Revoke of the token
        Assert.All(ScriptSent, id => Assert.Contains(pages.Values, html => html.Contains($"id=\"{id}\"", StringComparison.Ordinal)));
    }

    [GeneratedRegex(@"<form\b(?<tag>[^>]*)>(?<body>.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Form();

    [GeneratedRegex("\\bid=\"([^\"]+)\"")]
    private static partial Regex Id();

    [GeneratedRegex("\\bmethod=\"post\"", RegexOptions.IgnoreCase)]
    private static partial Regex PostMethod();

    [GeneratedRegex("""<button[^>]*type="submit"[^>]*\bdisabled\b""")]
    private static partial Regex DisabledSubmit();
}
