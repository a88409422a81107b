namespace CrowdPortal.Web.Analysis;

/// <summary>Files an analysis keeps beside a stored video (relative paths under the uploads root).</summary>
public static class DerivedFiles
{
    public static string Heatmap(string storedPath) => storedPath + ".heatmap.png";

    public static string Tracks(string storedPath) => storedPath + ".tracks.csv";

    /// <summary>The scene without its people (per-pixel median of sampled frames), shown at the counts-only privacy level.</summary>
    public static string Plate(string storedPath) => storedPath + ".plate.jpg";

    /// <summary>The per-user running CSV log of every stored sample (the seed's counts_log.csv).</summary>
    public static string CountsLog(string userId) => Path.Combine(userId, "counts_log.csv");

    public static IEnumerable<string> All(string storedPath) => [Heatmap(storedPath), Tracks(storedPath), Plate(storedPath)];
}
