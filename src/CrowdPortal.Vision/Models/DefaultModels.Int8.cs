using CrowdPortal.Vision.Detectors;
using CrowdPortal.Vision.Imaging;
using CrowdPortal.Vision.Importing;
using CrowdPortal.Vision.Importing.Quantization;

namespace CrowdPortal.Vision.Models;

public static partial class DefaultModels
{
    /// <summary>
    /// Imports a known TF.js model (<paramref name="format"/>: nanodet or centernet) and writes it quantised to int8 (QDQ)
    /// to <paramref name="onnxOutputPath"/>, atomically. Activation ranges are calibrated on
    /// <paramref name="calibrationFrames"/> frames spread over <paramref name="calibrationVideo"/>, preprocessed at the input
    /// size the detector will use for that video (416x320 for 4:3 with NanoDet's fitted input).
    /// </summary>
    /// <exception cref="TfjsImportException">The TF.js model is malformed.</exception>
    /// <exception cref="InvalidDataException">The video gives no frame, or the model has nothing to quantise.</exception>
    public static Int8ImportSummary ImportInt8(string modelJsonPath, string onnxOutputPath, string format, string calibrationVideo, int calibrationFrames = CalibrationFrames)
    {
        ModelSidecar sidecar = Sidecar(format);
        byte[] floatModel = TfjsModelImporter.Import(modelJsonPath, ImportOptions(format));
        List<float[]> inputs = Importing.Quantization.CalibrationFrames.Read(calibrationVideo, (w, h) => CalibrationInput(sidecar, w, h), calibrationFrames, out long[] shape);
        Int8QuantizationResult result = Int8Quantizer.Quantize(floatModel, inputs, shape);
        TfjsModelImporter.WriteAtomically(result.Model, onnxOutputPath);
        return new Int8ImportSummary(result.QuantizedConvs, result.TotalConvs, inputs.Count, (int)shape[^1], (int)shape[^2]);
    }

    /// <summary>The input a detector of this sidecar feeds for frames of the given size.</summary>
    private static InputSpec CalibrationInput(ModelSidecar s, int frameWidth, int frameHeight)
    {
        ResizeMode resize = s.Resize == "letterbox" ? ResizeMode.Letterbox : ResizeMode.Stretch;
        (int fittedWidth, int fittedHeight) = AspectFitDetector.InputSizeFor(frameWidth, frameHeight, Math.Max(s.InputWidth, s.InputHeight));
        return s.Format switch
        {
            ModelFormats.NanoDet when s.FitAspect => NanoDetDetector.CreateInputSpec(fittedWidth, fittedHeight, resize),
            ModelFormats.NanoDet => NanoDetDetector.CreateInputSpec(s.InputWidth, s.InputHeight, resize),
            ModelFormats.CenterNet => CenterNetDetector.CreateInputSpec(s.InputWidth, s.InputHeight, resize),
            _ => throw new NotSupportedException($"int8 import knows the inputs of nanodet and centernet, not '{s.Format}'."),
        };
    }
}

/// <summary>What an int8 import did: Convs quantised (of all), calibration frames used and their input size.</summary>
public sealed record Int8ImportSummary(int QuantizedConvs, int TotalConvs, int CalibrationFrames, int InputWidth, int InputHeight);
