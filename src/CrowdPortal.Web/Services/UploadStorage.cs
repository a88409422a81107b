using CrowdPortal.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Services;

/// <summary>
/// Maps users and generated file names to paths under the uploads root. No path is ever built from user input:
/// the folder is the user's id and the file name is generated; every result is checked to stay inside the root.
/// </summary>
public sealed class UploadStorage
{
    public UploadStorage(IOptions<StorageOptions> options, IWebHostEnvironment environment)
    {
        Root = Path.GetFullPath(options.Value.UploadsPath, environment.ContentRootPath);
        Directory.CreateDirectory(Root);
    }

    /// <summary>Absolute path of the uploads root.</summary>
    public string Root { get; }

    /// <summary>A new, unique relative path for one of the user's uploads, e.g. <c>{userId}/3f2a….avi</c>.</summary>
    public string NewRelativePath(string userId, string extension) =>
        Path.Combine(userId, Guid.NewGuid().ToString("N") + extension);

    /// <summary>The absolute path of a stored relative path, refusing anything that would leave the uploads root.</summary>
    public string ToAbsolute(string relativePath)
    {
        string full = Path.GetFullPath(Path.Combine(Root, relativePath));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("A stored path points outside the uploads folder.");
        }

        return full;
    }

    /// <summary>Deletes a stored file if it exists; a missing file is not an error.</summary>
    public void Delete(string relativePath)
    {
        string full = ToAbsolute(relativePath);
        if (File.Exists(full))
        {
            File.Delete(full);
        }
    }
}
