namespace CrowdPortal.Vision.Importing.Ops;

/// <summary>
/// SparseToDense. In the graphs we import it only ever builds shape vectors from constants, and the constant folder
/// computes it at import time; reaching this mapper means a run-time SparseToDense, which is refused.
/// </summary>
internal sealed class SparseToDenseMapper : IOpMapper
{
    public IReadOnlyList<string> OpTypes { get; } = ["SparseToDense"];

    public void Map(TfNode node, ImportContext context) =>
        throw new UnsupportedTfjsOpException(node.Op, node.Name, "only SparseToDense with constant inputs (folded at import time) is supported.");
}
