using Google.Protobuf;
using Onnx;

namespace CrowdPortal.Vision.Importing.Quantization;

/// <summary>
/// Static int8 quantisation of a float ONNX model in QDQ form: Conv biases folded, activation ranges calibrated on real
/// inputs, QuantizeLinear/DequantizeLinear placed around the Convs (and the int8-capable ops between them), weights int8
/// per output channel. ONNX Runtime fuses the pattern into int8 kernels (VNNI dot products where the CPU has them);
/// the inputs and outputs stay float32, so a detector runs the quantised model exactly like the float one.
/// </summary>
internal static class Int8Quantizer
{
    /// <param name="floatOnnx">The float model (as the importer writes it).</param>
    /// <param name="calibrationInputs">Model inputs made from real frames, preprocessed as the detector does.</param>
    /// <param name="inputShape">The shape of each calibration input.</param>
    public static Int8QuantizationResult Quantize(byte[] floatOnnx, IEnumerable<float[]> calibrationInputs, long[] inputShape)
    {
        ModelProto model = ModelProto.Parser.ParseFrom(floatOnnx);
        ConvBiasFolder.Fold(model.Graph);
        QdqPlan plan = QdqPlan.For(model.Graph);
        if (plan.QuantizedConvs.Count == 0)
        {
            throw new InvalidDataException("The model has no Conv with constant weights to quantise.");
        }

        var ranges = ActivationCalibrator.Measure(model, plan.Tensors, calibrationInputs, inputShape);
        QdqWriter.Apply(model.Graph, plan, ranges);
        model.DocString += $" Quantised to int8 (QDQ, {plan.QuantizedConvs.Count} Convs, {plan.Tensors.Count} activations calibrated).";
        return new Int8QuantizationResult(model.ToByteArray(), plan.QuantizedConvs.Count, model.Graph.Node.Count(n => n.OpType == "Conv"), plan.Tensors.Count);
    }
}

/// <summary>A quantised model and what was quantised.</summary>
internal sealed record Int8QuantizationResult(byte[] Model, int QuantizedConvs, int TotalConvs, int QuantizedTensors);
