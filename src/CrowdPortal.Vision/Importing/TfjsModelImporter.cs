using Google.Protobuf;

namespace CrowdPortal.Vision.Importing;

/// <summary>
/// Converts a TF.js graph model (model.json + weight shards, float16-quantised weights allowed) into an ONNX model that
/// ONNX Runtime runs with the same inputs and outputs (same names, shapes and layouts as TF.js). Only the op types the
/// shipped NanoDet and CenterNet detectors use are supported; any other op fails with <see cref="UnsupportedTfjsOpException"/>.
/// </summary>
/// <remarks>
/// The ONNX graph uses opset 17. Input shapes must be static (they are in both detectors), because shapes are resolved at
/// import time (<see cref="TfjsImportOptions.AnyImageSize"/> then opens the image size of the written model): NHWC tensors are kept channels-first inside the graph and only transposed back where TF's layout is
/// observable (graph outputs, reshapes), and constant shape arithmetic is folded into initializers.
/// </remarks>
public static class TfjsModelImporter
{
    /// <summary>The TF op types the importer translates.</summary>
    public static IReadOnlyList<string> SupportedOps => OpMapperRegistry.SupportedOps;

    /// <summary>Imports the model and returns the serialised ONNX model.</summary>
    /// <exception cref="UnsupportedTfjsOpException">The graph uses an op (or op configuration) the importer does not translate.</exception>
    /// <exception cref="TfjsImportException">The model.json or its weights are malformed.</exception>
    public static byte[] Import(string modelJsonPath, TfjsImportOptions? options = null)
    {
        TfjsModel model = TfjsModel.Load(modelJsonPath);
        return TfjsGraphConverter.Convert(model, Path.GetFileName(modelJsonPath), options).ToByteArray();
    }

    /// <summary>
    /// Imports the model and writes it to <paramref name="onnxOutputPath"/> atomically: the bytes go to a temporary file in
    /// the same folder, which is then moved over the target, so a reader never sees a half-written model.
    /// </summary>
    public static void ImportToFile(string modelJsonPath, string onnxOutputPath, TfjsImportOptions? options = null) =>
        WriteAtomically(Import(modelJsonPath, options), onnxOutputPath);

    /// <summary>Writes <paramref name="bytes"/> to a temporary file beside <paramref name="path"/>, then moves it over the target.</summary>
    internal static void WriteAtomically(byte[] bytes, string path)
    {
        string target = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        string temp = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
