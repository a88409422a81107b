using System.Diagnostics;

namespace CrowdPortal.Tests.Shared;

/// <summary>Clips of a video cut with ffmpeg for tests, re-encoded losslessly (FFV1) so their pixels are the source's.</summary>
internal static class VideoClips
{
    /// <summary>
    /// Writes frames <paramref name="firstFrame"/> to <paramref name="firstFrame"/> + <paramref name="frames"/> − 1 of
    /// <paramref name="input"/> to <paramref name="output"/>, through <paramref name="extraFilter"/> (e.g. a scale)
    /// when given; fails the test when ffmpeg does.
    /// </summary>
    public static void Cut(string input, string output, int firstFrame, int frames, string? extraFilter = null)
    {
        string filter = $"select=between(n\\,{firstFrame}\\,{firstFrame + frames - 1})" + (extraFilter is null ? string.Empty : "," + extraFilter);
        var start = new ProcessStartInfo("ffmpeg")
        {
            ArgumentList = { "-v", "error", "-i", input, "-vf", filter, "-vsync", "0", "-c:v", "ffv1", "-y", output },
            RedirectStandardError = true,
        };
        using var ffmpeg = Process.Start(start) ?? throw new InvalidOperationException("cannot start ffmpeg");
        string errors = ffmpeg.StandardError.ReadToEnd();
        ffmpeg.WaitForExit();
        Assert.True(ffmpeg.ExitCode == 0, "ffmpeg failed: " + errors);
    }
}
