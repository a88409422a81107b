using System.Text.Json.Nodes;
using CrowdPortal.Vision.Importing;
using Microsoft.ML.OnnxRuntime;

namespace CrowdPortal.Vision.Tests.Importing;

/// <summary>
/// data_format NCHW (which TF.js's own kernels do not run, so there is no TF.js fixture): the same Conv2D and MaxPool on
/// the same data must give exactly the NHWC results (checked against TF.js in the op fixtures), transposed.
/// </summary>
public sealed class ChannelsFirstConvolutionTests
{
    private const int Size = 5;
    private const int Channels = 2;
    private const int Filters = 3;

    public static TheoryData<string, string, int> Rows() => new()
    {
        { "conv SAME stride 1", "Conv2D", 1 },
        { "conv SAME stride 2", "Conv2D", 2 },
        { "max pool SAME stride 2", "MaxPool", 2 },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Nchw_GivesTheNhwcResultTransposed(string label, string op, int stride)
    {
        float[] nhwc = Enumerable.Range(0, Size * Size * Channels).Select(i => (float)Math.Sin(i * 0.7)).ToArray();
        float[] nchw = Transpose(nhwc, [Size, Size, Channels], [2, 0, 1]);

        (int[] nhwcShape, double[] nhwcOut) = Run(op, "NHWC", stride, [1, Size, Size, Channels], nhwc);
        (int[] nchwShape, double[] nchwOut) = Run(op, "NCHW", stride, [1, Channels, Size, Size], nchw);

        Assert.Equal([nhwcShape[0], nhwcShape[3], nhwcShape[1], nhwcShape[2]], nchwShape);
        float[] expected = Transpose(Array.ConvertAll(nhwcOut, v => (float)v), [nhwcShape[1], nhwcShape[2], nhwcShape[3]], [2, 0, 1]);
        Assert.True(expected.Zip(nchwOut).All(p => Math.Abs(p.First - p.Second) < 1e-5), label);
    }

    private static (int[] Shape, double[] Values) Run(string op, string format, int stride, long[] inputShape, float[] input)
    {
        using var model = new TinyTfjsModel();
        long[] strides = format == "NHWC" ? [1, stride, stride, 1] : [1, 1, stride, stride];
        var attr = new JsonObject
        {
            ["data_format"] = TinyTfjsModel.StringAttr(format),
            ["padding"] = TinyTfjsModel.StringAttr("SAME"),
            ["strides"] = IntList(strides),
        };
        model.Placeholder("x", inputShape);
        if (op == "Conv2D")
        {
            ushort[] weights = Enumerable.Range(0, 3 * 3 * Channels * Filters).Select(i => (ushort)BitConverter.HalfToUInt16Bits((Half)((i % 7) - 3.0))).ToArray();
            model.HalfConstant("w", [3, 3, Channels, Filters], weights).Op("y", "Conv2D", ["x", "w"], attr);
        }
        else
        {
            attr["ksize"] = IntList(format == "NHWC" ? [1, 3, 3, 1] : [1, 1, 3, 3]);
            model.Op("y", "MaxPool", ["x"], attr);
        }

        using var session = new InferenceSession(TfjsModelImporter.Import(model.Write("y")));
        var outputs = OrtTestRunner.Run(session, new Dictionary<string, (int[], float[])> { ["x"] = (Array.ConvertAll(inputShape, d => (int)d), input) });
        return (outputs["y"].Shape, outputs["y"].Values);
    }

    private static JsonObject IntList(long[] values) =>
        new() { ["list"] = new JsonObject { ["i"] = new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v.ToString(System.Globalization.CultureInfo.InvariantCulture))!).ToArray()) } };

    /// <summary>Transposes a 3-D row-major array: result axis i = source axis perm[i].</summary>
    private static float[] Transpose(float[] source, int[] shape, int[] perm)
    {
        int[] outShape = [shape[perm[0]], shape[perm[1]], shape[perm[2]]];
        int[] strides = [shape[1] * shape[2], shape[2], 1];
        var result = new float[source.Length];
        int n = 0;
        for (int a = 0; a < outShape[0]; a++)
        {
            for (int b = 0; b < outShape[1]; b++)
            {
                for (int c = 0; c < outShape[2]; c++)
                {
                    int[] coord = new int[3];
                    coord[perm[0]] = a;
                    coord[perm[1]] = b;
                    coord[perm[2]] = c;
                    result[n++] = source[(coord[0] * strides[0]) + (coord[1] * strides[1]) + coord[2]];
                }
            }
        }

        return result;
    }
}
