namespace CrowdPortal.Web.Infrastructure;

/// <summary>Where files live (section <c>Storage</c>). Relative paths are taken from the content root.</summary>
public sealed record StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Root folder of uploaded videos; each user has a sub-folder named by their user id.</summary>
    public string UploadsPath { get; init; } = "uploads";

    /// <summary>Where the keys that protect login cookies and tokens are kept.</summary>
    public string KeysPath { get; init; } = "data/keys";
}

/// <summary>Upload limits (section <c>Uploads</c>).</summary>
public sealed record UploadOptions
{
    public const string SectionName = "Uploads";

    /// <summary>Largest accepted upload in bytes; larger ones get 413. Default 2 GiB.</summary>
    public long MaxBytes { get; init; } = 2L * 1024 * 1024 * 1024;
}

/// <summary>Rate limit on login and registration per client IP (section <c>RateLimiting</c>).</summary>
public sealed record RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    public int AuthPermitLimit { get; init; } = 10;

    public int AuthWindowSeconds { get; init; } = 60;
}
