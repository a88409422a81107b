namespace CrowdPortal.Vision.Importing;

/// <summary>The TensorFlow element types the importer handles.</summary>
internal enum TfDataType
{
    Float32,
    Int32,
    Int64,
    Bool,
}
