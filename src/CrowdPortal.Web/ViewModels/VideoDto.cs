using CrowdPortal.Data.Entities;

namespace CrowdPortal.Web.ViewModels;

/// <summary>A video as the API and the pages show it. The stored path is never exposed.</summary>
public sealed record VideoDto(
    long Id,
    string FileName,
    long SizeBytes,
    string Status,
    double Progress,
    int FrameCount,
    double Fps,
    int Width,
    int Height,
    double DurationSeconds,
    DateTime CreatedAt,
    string? Error,
    string? ModelName,
    int AnalysedFrames,
    double? AnalysisSeconds,
    VideoSourceKind SourceKind,
    string PrivacyLevel,
    bool DeleteFootageAfterAnalysis,
    bool FootageDeleted,
    string Tiling,
    FarAreaDto? FarArea)
{
    public static VideoDto From(Video v) => new(
        v.Id, v.FileName, v.SizeBytes, v.Status.ToString().ToLowerInvariant(), v.Progress, v.FrameCount, v.Fps,
        v.Width, v.Height, Math.Round(v.DurationSeconds, 2), DateTime.SpecifyKind(v.CreatedAt, DateTimeKind.Utc), v.Error,
        v.ModelName, v.AnalysedFrames, v.AnalysisSeconds, v.SourceKind,
        Privacy.PrivacyLevels.Name(v.PrivacyLevel), v.DeleteFootageAfterAnalysis, v.FootageDeletedAt is not null,
        Core.Analysis.TilingModes.Name(v.Tiling), FarAreaDto.From(v.FarArea));
}
