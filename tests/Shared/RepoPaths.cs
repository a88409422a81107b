namespace CrowdPortal.Tests.Shared;

/// <summary>Locates files of the repository checkout from a test's output folder.</summary>
internal static class RepoPaths
{
    /// <summary>The checkout's root: the first parent folder that holds CrowdPortal.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// vtest.avi from Debian's opencv-doc, fetched into .cache/ by scripts/get-sample-video.sh (the test command runs it).
    /// A test that needs it fails with this message rather than skipping.
    /// </summary>
    public static string SampleVideo
    {
        get
        {
            string path = Environment.GetEnvironmentVariable("CROWDPORTAL_SAMPLE_VIDEO") ?? Path.Combine(Root, ".cache", "vtest.avi");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"Sample video missing at {path}: run scripts/get-sample-video.sh (the test command does).");
            }

            return path;
        }
    }

    /// <summary>
    /// A close-range portrait (astronaut.png from Debian's python3-skimage, a NASA photo in the public domain), fetched into
    /// .cache/ by scripts/get-sample-video.sh, for the face detector.
    /// </summary>
    public static string SamplePortrait
    {
        get
        {
            string path = Path.Combine(Root, ".cache", "astronaut.png");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"Sample portrait missing at {path}: run scripts/get-sample-video.sh (the test command does).");
            }

            return path;
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrowdPortal.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CrowdPortal.sln not found above " + AppContext.BaseDirectory);
    }
}
