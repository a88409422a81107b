using CrowdPortal.Core;
using CrowdPortal.Tests.Shared;
using CrowdPortal.Vision.Models;
using CrowdPortal.Vision.Privacy;
using CrowdPortal.Vision.Tests.Detectors;
using CrowdPortal.Vision.Tests.Models;
using OpenCvSharp;

namespace CrowdPortal.Vision.Tests.Privacy;

/// <summary>BlazeFace, imported by the project's importer, on a real close-range portrait (scikit-image's astronaut.png).</summary>
public sealed class FaceTests
{
    private static readonly Lazy<string> Model = new(() =>
        FaceModel.EnsureImported(Directory.CreateTempSubdirectory("crowdportal-face-").FullName,
            Path.Combine(RepoPaths.Root, DefaultModels.HumanModelsRelativeDir)));

    [Fact]
    public void Portrait_HasOneFace_WhereTheFaceIs()
    {
        using var portrait = Cv2.ImRead(RepoPaths.SamplePortrait);
        using var faces = new BlazeFaceDetector(Model.Value);
        var found = new List<Detection>();
        faces.Detect(portrait, found);

        var face = Assert.Single(found);
        // The astronaut's face: roughly x 170-280, y 30-160 of the 512×512 picture.
        Assert.InRange((face.X1 + face.X2) / 2, 180, 270);
        Assert.InRange((face.Y1 + face.Y2) / 2, 50, 140);
        Assert.InRange(face.X2 - face.X1, 60, 160);
    }

    [Fact]
    public void HideEveryone_WithFaces_LeavesNoFaceInThePortrait()
    {
        using var portrait = Cv2.ImRead(RepoPaths.SamplePortrait);
        using var faces = new BlazeFaceDetector(Model.Value);
        using var people = DetectorFactory.Create(ImportedModels.Entry(DefaultModels.NanoDet), new RecordingLogger());
        PersonPixelator.HideEveryone(portrait, people, faces);

        var found = new List<Detection>();
        faces.Detect(portrait, found);
        Assert.Empty(found);
    }
}
