namespace CrowdPortal.Vision.Importing;

/// <summary>Thrown when a model.json or its weight shards are malformed or inconsistent (not merely unsupported).</summary>
public sealed class TfjsImportException : Exception
{
    public TfjsImportException(string message)
        : base(message)
    {
    }
}
