using System.Text.Encodings.Web;
using CrowdPortal.Web.ViewModels;

namespace CrowdPortal.Web.Infrastructure;

/// <summary>
/// A self-contained error page for when an exception escaped: rendered without MVC, because whatever failed may be MVC.
/// </summary>
internal static class ErrorPageHtml
{
    public static string Render(ErrorViewModel model)
    {
        var e = HtmlEncoder.Default;
        return $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{e.Encode(model.Title)} - CrowdPortal</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><main class="container narrow"><h1>{e.Encode(model.Title)}</h1><p>{e.Encode(model.Detail)}</p>
            <p class="muted">Request id: {e.Encode(model.RequestId ?? "-")}</p><p><a href="/">Back to CrowdPortal</a></p></main></body></html>
            """;
    }
}
