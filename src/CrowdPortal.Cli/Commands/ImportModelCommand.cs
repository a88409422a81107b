using CrowdPortal.Vision.Importing;
using CrowdPortal.Vision.Models;

namespace CrowdPortal.Cli.Commands;

/// <summary>
/// <c>crowdportal import-model &lt;model.json&gt; &lt;out.onnx&gt;</c>: converts a TF.js graph model to ONNX and writes the
/// sidecar (<c>out.json</c>) of its format, told by <c>--format</c> or by the output or input file name.
/// </summary>
internal static class ImportModelCommand
{
    public const string Usage = "import-model <model.json> <out.onnx> [--format nanodet|centernet|blazeface]";

    /// <summary>The face detector that protects pictures (no sidecar: it is not a person detector of the catalog).</summary>
    private const string FaceFormat = "blazeface";

    public static int Run(IReadOnlyList<string> args, CliConsole console)
    {
        ParsedArguments parsed = ParsedArguments.Parse(args, ["format"]);
        string modelJson = parsed.RequirePositional(0, "model.json (usage: crowdportal " + Usage + ")");
        string output = parsed.RequirePositional(1, "output .onnx path (usage: crowdportal " + Usage + ")");
        parsed.ExpectPositionals(2);
        if (!output.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"the output must be an .onnx file (got '{output}')");
        }

        string format = FormatFor(parsed.Option("format"), output, modelJson);
        if (!File.Exists(modelJson))
        {
            throw new CliException($"model file not found: {modelJson}");
        }

        string outputDir = Path.GetDirectoryName(Path.GetFullPath(output))!;
        try
        {
            Directory.CreateDirectory(outputDir);
            TfjsModelImporter.ImportToFile(modelJson, output, format == FaceFormat ? null : DefaultModels.ImportOptions(format));
        }
        catch (Exception ex) when (ex is TfjsImportException or UnsupportedTfjsOpException or IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot import {modelJson}: {ModelResolver.OneLine(ex.Message)}", ex);
        }

        if (format == FaceFormat)
        {
            console.Out.WriteLine($"imported {modelJson} -> {output} (face detector; keep it in models/faces/)");
            return 0;
        }

        string sidecar = WriteSidecar(format, output);
        console.Out.WriteLine($"imported {modelJson} -> {output} (sidecar {sidecar})");
        return 0;
    }

    /// <summary>The model format: <c>--format</c> when given, else the first known format named by the output or input file.</summary>
    private static string FormatFor(string? option, string output, string modelJson)
    {
        if (option is not null)
        {
            string format = option.ToLowerInvariant();
            return DefaultModels.Known.Contains(format) || format == FaceFormat
                ? format
                : throw new UsageException($"unknown --format '{option}' (known: {string.Join(", ", DefaultModels.Known)}, {FaceFormat})");
        }

        foreach (string file in (string[])[output, modelJson])
        {
            string name = Path.GetFileNameWithoutExtension(file).ToLowerInvariant();
            if (DefaultModels.Known.Contains(name) || name == FaceFormat)
            {
                return name;
            }
        }

        throw new UsageException($"cannot tell the model's format from its file names; pass --format {string.Join("|", DefaultModels.Known)}");
    }

    /// <summary>Writes the known sidecar of <paramref name="format"/> beside <paramref name="onnxPath"/> as <c>name.json</c>.</summary>
    private static string WriteSidecar(string format, string onnxPath)
    {
        string target = Path.ChangeExtension(Path.GetFullPath(onnxPath), ".json");

        // DefaultModels writes "<format>.json" into a folder; write it in a scratch folder and move it, so a sidecar of
        // another model that happens to be called like the format is never overwritten.
        string scratch = Directory.CreateTempSubdirectory("crowdportal-sidecar-").FullName;
        try
        {
            string written = DefaultModels.WriteSidecar(format, scratch);
            File.Move(written, target, overwrite: true);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        return target;
    }
}
