namespace CrowdPortal.Vision.Importing.Ops;

/// <summary>Translates one family of TF ops into ONNX nodes, defining every output of the TF node in the context.</summary>
internal interface IOpMapper
{
    /// <summary>The TF op types this mapper handles.</summary>
    IReadOnlyList<string> OpTypes { get; }

    void Map(TfNode node, ImportContext context);
}
