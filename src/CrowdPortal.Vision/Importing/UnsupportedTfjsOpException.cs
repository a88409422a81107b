namespace CrowdPortal.Vision.Importing;

/// <summary>
/// Thrown when a TF.js graph model uses an op type, or an op configuration, that the importer does not translate.
/// The message names the op and the node, so a user who drops in another model knows exactly what stopped the import.
/// </summary>
public sealed class UnsupportedTfjsOpException : NotSupportedException
{
    public UnsupportedTfjsOpException(string opType, string nodeName, string detail)
        : base($"Unsupported TF.js op '{opType}' (node '{nodeName}'); {detail}")
    {
        OpType = opType;
        NodeName = nodeName;
    }

    /// <summary>The TensorFlow op type, e.g. "Conv3D".</summary>
    public string OpType { get; }

    /// <summary>The name of the graph node that uses it.</summary>
    public string NodeName { get; }
}
