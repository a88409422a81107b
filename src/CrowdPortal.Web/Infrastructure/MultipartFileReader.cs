using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace CrowdPortal.Web.Infrastructure;

/// <summary>
/// Finds one file field in a multipart/form-data request and hands its stream over without buffering the body, so a
/// 2 GiB upload never sits in memory or in a temporary form file.
/// </summary>
internal static class MultipartFileReader
{
    /// <summary>
    /// Calls <paramref name="onFile"/> with the named file field's original name and stream. Returns null when the request
    /// is not multipart or has no such field.
    /// </summary>
    public static async Task<T?> ReadFileAsync<T>(HttpRequest request, string fieldName, Func<string, Stream, Task<T>> onFile, CancellationToken ct)
        where T : class
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !string.Equals(mediaType.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string? boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
        {
            return null;
        }

        var reader = new MultipartReader(boundary, request.Body);
        MultipartSection? section;
        while ((section = await reader.ReadNextSectionAsync(ct)) is not null)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                && disposition.IsFileDisposition()
                && string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, fieldName, StringComparison.Ordinal))
            {
                string name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value
                    ?? HeaderUtilities.RemoveQuotes(disposition.FileName).Value
                    ?? string.Empty;
                return await onFile(name, section.Body);
            }
        }

        return null;
    }
}
