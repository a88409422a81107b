using CrowdPortal.Vision.Importing;
using CrowdPortal.Vision.Models;
using CrowdPortal.Vision.Sources;

namespace CrowdPortal.Cli.Commands;

/// <summary>
/// <c>crowdportal import-model &lt;model.json&gt; &lt;out.onnx&gt;</c>: converts a TF.js graph model to ONNX and writes the
/// sidecar (<c>out.json</c>) of its format, told by <c>--format</c> or by the output or input file name. With
/// <c>--quantize int8 --calibrate video</c> the model is written quantised to int8 (QDQ), its activation ranges measured
/// on frames of the video, and the sidecar says <c>"precision": "int8"</c>.
/// </summary>
internal static class ImportModelCommand
{
    public const string Usage = "import-model <model.json> <out.onnx> [--format nanodet|centernet|blazeface] [--quantize int8 --calibrate <video> [--calibration-frames N]]";

    /// <summary>The face detector that protects pictures (no sidecar: it is not a person detector of the catalog).</summary>
    private const string FaceFormat = "blazeface";

    public static int Run(IReadOnlyList<string> args, CliConsole console)
    {
        ParsedArguments parsed = ParsedArguments.Parse(args, ["format", "quantize", "calibrate", "calibration-frames"]);
        string modelJson = parsed.RequirePositional(0, "model.json (usage: crowdportal " + Usage + ")");
        string output = parsed.RequirePositional(1, "output .onnx path (usage: crowdportal " + Usage + ")");
        parsed.ExpectPositionals(2);
        if (!output.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"the output must be an .onnx file (got '{output}')");
        }

        string format = FormatFor(parsed.Option("format"), output, modelJson);
        string? calibrationVideo = CalibrationVideo(parsed);
        int calibrationFrames = parsed.PositiveInt("calibration-frames", DefaultModels.CalibrationFrames)!.Value;
        if (!File.Exists(modelJson))
        {
            throw new CliException($"model file not found: {modelJson}");
        }

        string outputDir = Path.GetDirectoryName(Path.GetFullPath(output))!;
        Int8ImportSummary? int8 = null;
        try
        {
            Directory.CreateDirectory(outputDir);
            if (format == FaceFormat)
            {
                TfjsModelImporter.ImportToFile(modelJson, output);
            }
            else if (calibrationVideo is null)
            {
                TfjsModelImporter.ImportToFile(modelJson, output, DefaultModels.ImportOptions(format));
            }
            else
            {
                int8 = DefaultModels.ImportInt8(modelJson, output, format, calibrationVideo, calibrationFrames);
            }
        }
        catch (Exception ex) when (ex is TfjsImportException or UnsupportedTfjsOpException or IOException or UnauthorizedAccessException or InvalidDataException
            or VideoSourceException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            throw new CliException($"cannot import {modelJson}: {ModelResolver.OneLine(ex.Message)}", ex);
        }

        if (format == FaceFormat)
        {
            console.Out.WriteLine($"imported {modelJson} -> {output} (face detector; keep it in models/faces/)");
            return 0;
        }

        string sidecar = WriteSidecar(int8 is null ? DefaultModels.Sidecar(format) : DefaultModels.Int8Sidecar(format), output);
        string how = int8 is null
            ? string.Empty
            : $", int8: {int8.QuantizedConvs} of {int8.TotalConvs} Convs, calibrated on {int8.CalibrationFrames} frames at {int8.InputWidth}x{int8.InputHeight}";
        console.Out.WriteLine($"imported {modelJson} -> {output} (sidecar {sidecar}{how})");
        return 0;
    }

    /// <summary>The calibration video of <c>--quantize int8</c>; null for a float import. Both options go together.</summary>
    private static string? CalibrationVideo(ParsedArguments parsed)
    {
        string? quantize = parsed.Option("quantize");
        string? video = parsed.Option("calibrate");
        if (quantize is null)
        {
            return video is null ? null : throw new UsageException("--calibrate needs --quantize int8");
        }

        if (quantize != "int8")
        {
            throw new UsageException($"unknown --quantize '{quantize}' (known: int8)");
        }

        if (video is null)
        {
            throw new UsageException("--quantize int8 needs --calibrate <video>: activation ranges are measured on real frames");
        }

        return File.Exists(video) ? video : throw new CliException($"calibration video not found: {video}");
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
            string name = DefaultModels.FloatModelOf(Path.GetFileNameWithoutExtension(file).ToLowerInvariant());
            if (DefaultModels.Known.Contains(name) || name == FaceFormat)
            {
                return name;
            }
        }

        throw new UsageException($"cannot tell the model's format from its file names; pass --format {string.Join("|", DefaultModels.Known)}");
    }

    /// <summary>Writes <paramref name="sidecar"/> beside <paramref name="onnxPath"/> as <c>name.json</c>.</summary>
    private static string WriteSidecar(ModelSidecar sidecar, string onnxPath)
    {
        string target = Path.ChangeExtension(Path.GetFullPath(onnxPath), ".json");
        DefaultModels.WriteSidecar(sidecar, target);
        return target;
    }
}
