namespace CrowdPortal.Vision.Tests.Sources;

/// <summary>A scratch folder for files a test writes; deleted on dispose.</summary>
internal sealed class TempFiles : IDisposable
{
    public TempFiles()
    {
        Folder = Directory.CreateTempSubdirectory("crowdportal-sources-").FullName;
    }

    public string Folder { get; }

    public string Write(string name, byte[] content)
    {
        string path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
    }
}
