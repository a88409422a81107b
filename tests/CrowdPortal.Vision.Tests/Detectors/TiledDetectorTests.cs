using CrowdPortal.Core;
using CrowdPortal.Core.Analysis;
using CrowdPortal.Vision.Detectors;
using OpenCvSharp;

namespace CrowdPortal.Vision.Tests.Detectors;

/// <summary>
/// The tiling rules with a stand-in detector that "sees" a fixed scene: every person whose visible part in the view it is
/// given is at least <see cref="SceneDetector.MinimumInputHeight"/> input pixels tall once the view is scaled to a 416 px
/// input, with the box clipped to the view (as a real detector's box of a person cut by the border).
/// </summary>
public class TiledDetectorTests
{
    [Fact]
    public void Detect_Auto_LeavesA768x576FrameUntiled()
    {
        using var frame = new Mat(576, 768, MatType.CV_8UC3, Scalar.Black);
        var inner = new SceneDetector([new Detection(100, 100, 140, 200, 0.9f, 0)]);
        using var tiled = new TiledDetector(inner, TilingMode.Auto, inputSide: 416);
        var output = new List<Detection>();

        tiled.Detect(frame, output);

        Assert.Equal(1, inner.Calls);
        Assert.Single(output);
    }

    [Fact]
    public void Detect_Auto_TilesA1920x1440FrameAndFindsTheSmallPersonOnce()
    {
        using var frame = new Mat(1440, 1920, MatType.CV_8UC3, Scalar.Black);
        var big = new Detection(200, 200, 300, 500, 0.9f, 0);
        var small = new Detection(1500, 300, 1515, 335, 0.8f, 0); // 35 px: 7.6 input px in the whole frame, 13 in a tile
        var inner = new SceneDetector([big, small]);
        using var tiled = new TiledDetector(inner, TilingMode.Auto, inputSide: 416);
        var output = new List<Detection>();

        tiled.Detect(frame, output);

        Assert.Equal(5, inner.Calls);
        Assert.Equal([big, small], output.OrderBy(d => d.X1));
    }

    [Fact]
    public void Detect_PersonAcrossATileSeam_CountsOnce()
    {
        // 2x2 tiles of a 1920x1440 frame: columns [0,1098) and [822,1920). A person at x 1050-1110 is cut by the first
        // column's right edge (dropped there) and whole in the second column; the whole frame sees them too.
        using var frame = new Mat(1440, 1920, MatType.CV_8UC3, Scalar.Black);
        var onSeam = new Detection(1050, 100, 1110, 300, 0.9f, 0);
        var inner = new SceneDetector([onSeam]);
        using var tiled = new TiledDetector(inner, TilingMode.On, inputSide: 416);
        var output = new List<Detection>();

        tiled.Detect(frame, output);

        Assert.Equal(onSeam, Assert.Single(output));
    }

    [Fact]
    public void Detect_Off_RunsTheWholeFrameOnly()
    {
        using var frame = new Mat(1440, 1920, MatType.CV_8UC3, Scalar.Black);
        var inner = new SceneDetector([new Detection(1500, 300, 1515, 335, 0.8f, 0)]);
        using var tiled = new TiledDetector(inner, TilingMode.Off, inputSide: 416);
        var output = new List<Detection>();

        tiled.Detect(frame, output);

        Assert.Equal(1, inner.Calls);
        Assert.Empty(output);
    }

    [Fact]
    public void Detect_FarArea_IsDetectedAsOneMoreTile_EvenWithTilingOff()
    {
        using var frame = new Mat(1440, 1920, MatType.CV_8UC3, Scalar.Black);
        var far = new Detection(400, 200, 415, 235, 0.8f, 0); // in the marked top-left area, too small for the whole frame
        var inner = new SceneDetector([far]);
        using var tiled = new TiledDetector(inner, TilingMode.Off, inputSide: 416, areas: [new FarArea(0, 0, 0.5, 0.375)]);
        var output = new List<Detection>();

        tiled.Detect(frame, output);

        Assert.Equal(2, inner.Calls);
        Assert.Equal(far, Assert.Single(output));
    }

    [Theory]
    [InlineData("0,0,0.5,0.375", true)]
    [InlineData(" 0.1, 0.2 ,0.3,0.4", true)]
    [InlineData("0,0,1,1", true)]
    [InlineData("0.6,0,0.5,0.5", false)]
    [InlineData("0,0,0,0.5", false)]
    [InlineData("-0.1,0,0.5,0.5", false)]
    [InlineData("0,0,0.5", false)]
    [InlineData("0,0,NaN,0.5", false)]
    [InlineData("", false)]
    public void FarArea_TryParse_AcceptsOnlyAreasInsideTheFrame(string text, bool valid)
    {
        Assert.Equal(valid, FarArea.TryParse(text, out _));
    }

    [Fact]
    public void Detect_AutoWithUnknownInput_NeverTiles()
    {
        using var tiled = new TiledDetector(new SceneDetector([]), TilingMode.Auto, inputSide: null);
        Assert.False(tiled.Tiles(3840, 2160));
    }

    private sealed class SceneDetector(Detection[] people) : IPersonDetector
    {
        public const float MinimumInputHeight = 10;

        public int Calls { get; private set; }

        public string Name => "scene";

        public float ConfidentScore => 0f;

        public void Detect(Mat bgrFrame, List<Detection> output)
        {
            Calls++;
            output.Clear();
            bgrFrame.LocateROI(out _, out Point offset);
            float scale = 416f / Math.Max(bgrFrame.Width, bgrFrame.Height);
            foreach (Detection person in people)
            {
                var box = new Detection(
                    Math.Max(0, person.X1 - offset.X),
                    Math.Max(0, person.Y1 - offset.Y),
                    Math.Min(bgrFrame.Width, person.X2 - offset.X),
                    Math.Min(bgrFrame.Height, person.Y2 - offset.Y),
                    person.Confidence,
                    person.ClassId);
                if (box.Width > 0 && box.Height * scale >= MinimumInputHeight)
                {
                    output.Add(box);
                }
            }
        }

        public void Dispose()
        {
        }
    }
}
