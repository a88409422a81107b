using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Cluster;

namespace CrowdPortal.Web.ViewModels;

/// <summary>
/// The installation's health as the administrator sees it (System page and <c>GET /api/v1/admin/status</c>): accounts,
/// the analysis queue, free space for uploads, and every camera's connection and the results it buffered or dropped
/// while the database was unavailable, and every live node (web and worker) with the videos and cameras it works on. No counts, frames or stream addresses of other users.
/// </summary>
public sealed record SystemStatusDto(
    DateTime GeneratedAt,
    string DatabaseProvider,
    int Accounts,
    int VideosQueued,
    int VideosAnalysing,
    long UploadsFreeBytes,
    long DroppedSamplesTotal,
    IReadOnlyList<CameraHealthDto> Cameras,
    IReadOnlyList<AccountPrivacyDto> Privacy,
    IReadOnlyList<NodeDto> Nodes);

/// <summary>One camera's health: whose it is, whether it runs, and what it lost (<c>droppedSamples</c>, zone × interval rows).</summary>
public sealed record CameraHealthDto(
    long Id,
    string Name,
    string Owner,
    VideoSourceKind Kind,
    bool Enabled,
    CameraConnection State,
    DateTime? LastFrameAt,
    double Fps,
    int BufferedBatches,
    long DroppedSamples,
    string? LastError,
    string PrivacyLevel);

/// <summary>
/// One account's footage and privacy: how many uploads and cameras it has at each level (<c>off</c>, <c>blur</c>,
/// <c>counts-only</c>) and how many bytes of uploaded footage the server keeps for it. Never the footage itself.
/// </summary>
public sealed record AccountPrivacyDto(string Owner, long FootageBytes, IReadOnlyDictionary<string, int> Uploads, IReadOnlyDictionary<string, int> Cameras);
