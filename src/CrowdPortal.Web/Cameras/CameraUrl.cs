namespace CrowdPortal.Web.Cameras;

/// <summary>Checks a camera's stream URL and makes the form of it that may be shown (credentials and query hidden).</summary>
internal static partial class CameraUrl
{
    public const int MaxLength = 2000;

    private static readonly string[] AllowedSchemes = ["rtsp", "rtsps", "http", "https"];

    /// <summary>Null when <paramref name="url"/> is a usable stream URL, else a sentence saying what is wrong.</summary>
    public static string? Validate(string? url, out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(url))
        {
            return "Enter the camera's stream URL (rtsp://, rtsps://, http:// or https://).";
        }

        if (url.Length > MaxLength)
        {
            return $"The URL is longer than {MaxLength} characters.";
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var parsed) || string.IsNullOrEmpty(parsed.Host))
        {
            return "The URL is not a valid absolute URL such as rtsp://camera.local:554/stream.";
        }

        if (!AllowedSchemes.Contains(parsed.Scheme))
        {
            return $"The URL scheme '{parsed.Scheme}' is not supported: use rtsp, rtsps, http or https.";
        }

        uri = parsed;
        return null;
    }

    /// <summary>
    /// A message (ffmpeg's, say) with the stream URL and any <c>scheme://user:password@</c> in it hidden, so it can be logged
    /// and shown.
    /// </summary>
    public static string? RedactIn(string? message, string url, string redacted)
    {
        if (message is null)
        {
            return null;
        }

        string text = message.Replace(url, redacted, StringComparison.Ordinal);
        return UserInfo().Replace(text, "://***@");
    }

    /// <summary>The URL with any user name/password replaced by <c>***</c> and any query (it may hold a token) hidden.</summary>
    public static string Redact(Uri uri)
    {
        string userInfo = uri.UserInfo.Length > 0 ? "***@" : string.Empty;
        string port = uri.IsDefaultPort ? string.Empty : ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string query = uri.Query.Length > 1 ? "?***" : string.Empty;
        return $"{uri.Scheme}://{userInfo}{uri.Host}{port}{uri.AbsolutePath}{query}";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"://[^/@\s]+@")]
    private static partial System.Text.RegularExpressions.Regex UserInfo();
}
