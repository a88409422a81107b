using System.Buffers.Binary;
using System.Text.Json;

namespace CrowdPortal.Vision.Importing;

/// <summary>
/// Decodes the weightsManifest of a TF.js model: each group's shards are concatenated and its weights read back to back,
/// floats dequantised to float32 (float16, or uint8/uint16 affine with scale and min), integers and booleans as stored.
/// </summary>
internal static class TfjsWeightDecoder
{
    public static Dictionary<string, TensorData> Decode(JsonElement manifest, string modelFolder)
    {
        var weights = new Dictionary<string, TensorData>(StringComparer.Ordinal);
        foreach (JsonElement group in manifest.EnumerateArray())
        {
            byte[] bytes = ReadShards(group, modelFolder);
            int offset = 0;
            foreach (JsonElement weight in group.GetProperty("weights").EnumerateArray())
            {
                string name = weight.GetProperty("name").GetString() ?? throw new TfjsImportException("A weight has no name.");
                long[] shape = ReadShape(weight.GetProperty("shape"));
                string dtype = weight.GetProperty("dtype").GetString() ?? "float32";
                JsonElement? quantization = weight.TryGetProperty("quantization", out JsonElement q) ? q : null;
                weights[name] = ReadOne(name, dtype, shape, quantization, bytes, ref offset);
            }

            if (offset != bytes.Length)
            {
                throw new TfjsImportException($"Weight shards hold {bytes.Length} bytes but the manifest describes {offset}.");
            }
        }

        return weights;
    }

    private static byte[] ReadShards(JsonElement group, string modelFolder)
    {
        using var all = new MemoryStream();
        foreach (JsonElement path in group.GetProperty("paths").EnumerateArray())
        {
            string file = Path.Combine(modelFolder, path.GetString() ?? string.Empty);
            if (!File.Exists(file))
            {
                throw new TfjsImportException($"Weight shard '{file}' is missing.");
            }

            using FileStream stream = File.OpenRead(file);
            stream.CopyTo(all);
        }

        return all.ToArray();
    }

    private static long[] ReadShape(JsonElement shape)
    {
        var result = new long[shape.GetArrayLength()];
        int n = 0;
        foreach (JsonElement d in shape.EnumerateArray())
        {
            result[n++] = d.GetInt64();
        }

        return result;
    }

    private static TensorData ReadOne(string name, string dtype, long[] shape, JsonElement? quantization, byte[] bytes, ref int offset)
    {
        int count = checked((int)ShapeMath.ElementCount(shape));
        if (quantization is { } q)
        {
            string qtype = q.GetProperty("dtype").GetString() ?? string.Empty;
            if (dtype != "float32")
            {
                throw new TfjsImportException($"Weight '{name}': quantised {dtype} weights are not supported.");
            }

            var floats = new float[count];
            switch (qtype)
            {
                case "float16":
                    Need(name, bytes, offset, count * 2);
                    for (int i = 0; i < count; i++)
                    {
                        floats[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes.AsSpan(offset + (i * 2)));
                    }

                    offset += count * 2;
                    break;
                case "uint8":
                case "uint16":
                    {
                        // Affine quantisation: value = q * scale + min.
                        float scale = q.GetProperty("scale").GetSingle();
                        float min = q.GetProperty("min").GetSingle();
                        int size = qtype == "uint8" ? 1 : 2;
                        Need(name, bytes, offset, count * size);
                        for (int i = 0; i < count; i++)
                        {
                            int raw = size == 1 ? bytes[offset + i] : BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset + (i * 2)));
                            floats[i] = (raw * scale) + min;
                        }

                        offset += count * size;
                        break;
                    }

                default:
                    throw new TfjsImportException($"Weight '{name}': quantisation '{qtype}' is not supported.");
            }

            return TensorData.FromFloats(shape, floats);
        }

        switch (dtype)
        {
            case "float32":
                {
                    Need(name, bytes, offset, count * 4);
                    var floats = new float[count];
                    for (int i = 0; i < count; i++)
                    {
                        floats[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(offset + (i * 4)));
                    }

                    offset += count * 4;
                    return TensorData.FromFloats(shape, floats);
                }

            case "int32":
                {
                    Need(name, bytes, offset, count * 4);
                    var ints = new long[count];
                    for (int i = 0; i < count; i++)
                    {
                        ints[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + (i * 4)));
                    }

                    offset += count * 4;
                    return TensorData.FromInts(TfDataType.Int32, shape, ints);
                }

            case "bool":
                {
                    Need(name, bytes, offset, count);
                    var ints = new long[count];
                    for (int i = 0; i < count; i++)
                    {
                        ints[i] = bytes[offset + i] != 0 ? 1 : 0;
                    }

                    offset += count;
                    return TensorData.FromInts(TfDataType.Bool, shape, ints);
                }

            default:
                throw new TfjsImportException($"Weight '{name}': dtype '{dtype}' is not supported.");
        }
    }

    private static void Need(string name, byte[] bytes, int offset, int length)
    {
        if (offset + length > bytes.Length)
        {
            throw new TfjsImportException($"Weight '{name}' runs past the end of the weight shards.");
        }
    }
}
