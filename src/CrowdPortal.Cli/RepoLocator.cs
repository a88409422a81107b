namespace CrowdPortal.Cli;

/// <summary>Finds the checkout root (the folder holding CrowdPortal.sln) above the current folder or the executable.</summary>
internal static class RepoLocator
{
    public static string? FindRoot()
    {
        foreach (string start in (string[])[Environment.CurrentDirectory, AppContext.BaseDirectory])
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CrowdPortal.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
