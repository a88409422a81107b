using System.IO.Compression;
using System.Text.Json;
using CrowdPortal.Core;
using CrowdPortal.Tests.Shared;

namespace CrowdPortal.Vision.Tests.Detectors;

/// <summary>
/// One NanoDet case of the TF.js reference fixtures (Fixtures/tfjs/README.md): the 416x416 HWC BGR frame TF.js was fed and
/// the person boxes TF.js's outputs decode to (upstream decode, NMS), in input pixels.
/// </summary>
internal sealed record TfjsReferenceCase(int Frame, byte[] InputBgr, int Size, float ScoreThreshold, float NmsIou, Detection[] PersonBoxes)
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "tests", "CrowdPortal.Vision.Tests", "Fixtures", "tfjs", "e2e");

    public static TfjsReferenceCase NanoDet(int frame)
    {
        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")));
        foreach (JsonElement c in manifest.RootElement.GetProperty("cases").EnumerateArray())
        {
            if (c.GetProperty("model").GetString() != "nanodet" || c.GetProperty("frame").GetInt32() != frame)
            {
                continue;
            }

            JsonElement input = c.GetProperty("input");
            JsonElement boxes = c.GetProperty("personBoxes");
            var people = new List<Detection>();
            foreach (JsonElement row in boxes.GetProperty("xyxyScore").EnumerateArray())
            {
                people.Add(new Detection(row[0].GetSingle(), row[1].GetSingle(), row[2].GetSingle(), row[3].GetSingle(), row[4].GetSingle(), 0));
            }

            return new TfjsReferenceCase(
                frame,
                ReadGzip(Path.Combine(Folder, input.GetProperty("file").GetString()!)),
                input.GetProperty("size").GetInt32(),
                boxes.GetProperty("scoreThreshold").GetSingle(),
                boxes.GetProperty("nmsIou").GetSingle(),
                [.. people]);
        }

        throw new InvalidOperationException($"No nanodet case for frame {frame} in {Folder}/manifest.json");
    }

    private static byte[] ReadGzip(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }
}
