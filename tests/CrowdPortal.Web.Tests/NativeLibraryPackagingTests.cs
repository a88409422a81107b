using System.Diagnostics;
using System.Text.Json;
using CrowdPortal.Tests.Shared;

namespace CrowdPortal.Web.Tests;

/// <summary>
/// The OpenCV native library a build ships follows its target runtime, not the machine it is built on, so
/// <c>dotnet publish -r win-x64</c> from Linux ships Windows natives. The NuGet mirror this project builds against does
/// not serve <c>OpenCvSharp4.runtime.win</c>, so a win-x64 publish cannot be restored here: the package choice is checked
/// by evaluating the project for each runtime, and the publish itself (natives copied beside the app) for linux-x64.
/// </summary>
public sealed class NativeLibraryPackagingTests
{
    private static string VisionProject => Path.Combine(RepoPaths.Root, "src", "CrowdPortal.Vision", "CrowdPortal.Vision.csproj");

    [Theory]
    [InlineData("win-x64", "OpenCvSharp4.runtime.win", "OpenCvSharp4.official.runtime.linux-x64")]
    [InlineData("win-arm64", "OpenCvSharp4.runtime.win", "OpenCvSharp4.official.runtime.linux-x64")]
    [InlineData("linux-x64", "OpenCvSharp4.official.runtime.linux-x64", "OpenCvSharp4.runtime.win")]
    [InlineData("", "OpenCvSharp4.official.runtime.linux-x64", "OpenCvSharp4.runtime.win")] // no runtime: this (Linux) machine's
    public void OpenCvRuntimePackage_FollowsTheTargetRuntime(string runtime, string expected, string absent)
    {
        string json = Dotnet("msbuild", VisionProject, "-getItem:PackageReference", $"-p:RuntimeIdentifier={runtime}");
        var packages = JsonDocument.Parse(json).RootElement.GetProperty("Items").GetProperty("PackageReference")
            .EnumerateArray().Select(p => p.GetProperty("Identity").GetString()).ToList();

        Assert.Contains(expected, packages);
        Assert.DoesNotContain(absent, packages);
        Assert.Contains("Microsoft.ML.OnnxRuntime", packages); // one package, natives for every runtime
    }

    [Fact]
    public void Publish_ForARuntime_ShipsTheOpenCvAndOnnxRuntimeNativeLibraries()
    {
        // Its own artifacts folder, so the publish never touches the build outputs the other tests run from.
        string work = Directory.CreateTempSubdirectory("crowdportal-publish-").FullName;
        try
        {
            string output = Path.Combine(work, "out");
            Dotnet("publish", VisionProject, "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
                "--artifacts-path", Path.Combine(work, "artifacts"), "-o", output);

            Assert.True(File.Exists(Path.Combine(output, "libOpenCvSharpExtern.so")), "OpenCV native library missing");
            Assert.True(File.Exists(Path.Combine(output, "libonnxruntime.so")), "ONNX Runtime native library missing");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string Dotnet(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} failed:\n{output}\n{error.Result}");
        return output;
    }
}
