using Google.Protobuf;
using Onnx;

namespace CrowdPortal.Vision.Tests.Detectors;

/// <summary>
/// Builds a real ONNX model whose outputs are Constant nodes holding known tensors, whatever the input: lets a test drive a
/// detector's whole flow (preprocess, ONNX Runtime, decode, NMS, mapping back) and know the exact answer.
/// </summary>
internal static class ConstantOutputModel
{
    /// <summary>One output: name, shape and row-major values.</summary>
    public sealed record Output(string Name, long[] Shape, float[] Values);

    /// <summary>Writes the model to <paramref name="path"/> and returns the path.</summary>
    public static string Write(string path, string inputName, long[] inputShape, params Output[] outputs)
    {
        var graph = new GraphProto { Name = "constant_outputs" };
        graph.Input.Add(FloatValueInfo(inputName, inputShape));
        foreach (Output output in outputs)
        {
            var tensor = new TensorProto { DataType = (int)TensorProto.Types.DataType.Float, Name = output.Name + "_value" };
            tensor.Dims.AddRange(output.Shape);
            tensor.FloatData.AddRange(output.Values);

            var node = new NodeProto { OpType = "Constant", Name = output.Name + "_node" };
            node.Output.Add(output.Name);
            node.Attribute.Add(new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = tensor });
            graph.Node.Add(node);
            graph.Output.Add(FloatValueInfo(output.Name, output.Shape));
        }

        var model = new ModelProto { IrVersion = 8, ProducerName = "CrowdPortal.Vision.Tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        File.WriteAllBytes(path, model.ToByteArray());
        return path;
    }

    private static ValueInfoProto FloatValueInfo(string name, long[] shape)
    {
        var tensorShape = new TensorShapeProto();
        foreach (long d in shape)
        {
            tensorShape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = tensorShape } },
        };
    }
}
