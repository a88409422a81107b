using System.IO.Compression;
using CrowdPortal.Tests.Shared;

namespace CrowdPortal.Vision.Tests.Importing;

/// <summary>Paths and readers for the committed TF.js reference fixtures (see Fixtures/tfjs/README.md).</summary>
internal static class TfjsFixtures
{
    public static string Folder { get; } = Path.Combine(RepoPaths.Root, "tests", "CrowdPortal.Vision.Tests", "Fixtures", "tfjs");

    public static string OpsFolder { get; } = Path.Combine(Folder, "ops");

    public static string EndToEndFolder { get; } = Path.Combine(Folder, "e2e");

    /// <summary>The shipped detector's model.json in node_modules (installed by npm ci).</summary>
    public static string ShippedModel(string name)
    {
        string path = Path.Combine(RepoPaths.Root, "node_modules", "@vladmandic", "human-models", "models", name + ".json");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} missing: run npm ci in the repository root.", path);
    }

    public static byte[] Gunzip(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }

    public static float[] GunzipFloats(string path)
    {
        byte[] bytes = Gunzip(path);
        var floats = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, floats, 0, bytes.Length);
        return floats;
    }
}
