using CrowdPortal.Vision.Importing.Ops;

namespace CrowdPortal.Vision.Importing;

/// <summary>The op types the importer translates, and the mapper for each. Const and Placeholder are handled by the converter.</summary>
internal static class OpMapperRegistry
{
    private static readonly Dictionary<string, IOpMapper> Mappers = Build();

    /// <summary>Every supported TF op type, sorted, including Const and Placeholder.</summary>
    public static IReadOnlyList<string> SupportedOps { get; } = [.. Mappers.Keys.Append("Const").Append("Placeholder").Order(StringComparer.Ordinal)];

    public static bool IsSupported(string op) => op is "Const" or "Placeholder" || Mappers.ContainsKey(op);

    public static IOpMapper Get(TfNode node) =>
        Mappers.TryGetValue(node.Op, out IOpMapper? mapper) ? mapper : throw Unsupported(node);

    public static UnsupportedTfjsOpException Unsupported(TfNode node) =>
        new(node.Op, node.Name, "supported: " + string.Join(", ", SupportedOps));

    private static Dictionary<string, IOpMapper> Build()
    {
        IOpMapper[] mappers =
        [
            new ActivationMapper(),
            new BinaryElementwiseMapper(),
            new CastMapper(),
            new ConcatMapper(),
            new ConvolutionMapper(),
            new GatherMapper(),
            new MaxPoolMapper(),
            new MeanMapper(),
            new PadMapper(),
            new ResizeBilinearMapper(),
            new ShapeOpsMapper(),
            new SparseToDenseMapper(),
            new SplitMapper(),
            new StridedSliceMapper(),
            new TopKMapper(),
        ];
        var byOp = new Dictionary<string, IOpMapper>(StringComparer.Ordinal);
        foreach (IOpMapper mapper in mappers)
        {
            foreach (string op in mapper.OpTypes)
            {
                byOp.Add(op, mapper);
            }
        }

        return byOp;
    }
}
