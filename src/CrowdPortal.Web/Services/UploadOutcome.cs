using CrowdPortal.Data.Entities;

namespace CrowdPortal.Web.Services;

/// <summary>The result of an upload: the stored video, or why it was refused (an HTTP status and a sentence for the user).</summary>
public sealed record UploadOutcome(Video? Video, int Status, string? Title, string? Detail)
{
    public bool Succeeded => Video is not null;

    public static UploadOutcome Stored(Video video) => new(video, StatusCodes.Status201Created, null, null);

    public static UploadOutcome Refused(int status, string title, string detail) => new(null, status, title, detail);
}
