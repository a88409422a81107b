namespace CrowdPortal.Vision.Models;

/// <summary>What a models folder holds: the usable models, and one message per file that was skipped and why.</summary>
public sealed record ModelCatalogScan(IReadOnlyList<ModelEntry> Models, IReadOnlyList<string> Problems);
