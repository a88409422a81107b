using CrowdPortal.Core;
using CrowdPortal.Core.Analysis;
using CrowdPortal.Core.Geometry;
using CrowdPortal.Core.Heatmaps;
using CrowdPortal.Core.Zones;
using CrowdPortal.Vision.Rendering;
using OpenCvSharp;

namespace CrowdPortal.Vision.Tests.Pipeline;

public sealed class RenderingTests
{
    private static readonly FrameSize Frame = new(320, 240);

    [Fact]
    public void HeatmapRenderer_WithPeople_ColoursWhereTheyStoodAndKeepsTheFrameElsewhere()
    {
        var heatmap = new HeatmapAccumulator(Frame);
        for (int i = 0; i < 20; i++)
        {
            heatmap.AddFrame([new Detection(40, 100, 80, 200, 0.9f, 0)]);
        }

        using var background = new Mat(240, 320, MatType.CV_8UC3, new Scalar(128, 128, 128));

        using Mat image = HeatmapRenderer.Render(heatmap, background);

        Assert.Equal((320, 240, MatType.CV_8UC3), (image.Width, image.Height, image.Type()));
        Vec3b feet = image.At<Vec3b>(199, 60);
        Assert.True(feet.Item2 > 160 && feet.Item0 < 110, $"the feet's spot is hot (red): {feet}");
        Assert.Equal(new Vec3b(128, 128, 128), image.At<Vec3b>(20, 300));
    }

    [Fact]
    public void HeatmapRenderer_EmptyHeatmapWithoutBackground_IsBlackAtFrameSize()
    {
        var heatmap = new HeatmapAccumulator(Frame);

        byte[] png = HeatmapRenderer.EncodePng(heatmap, background: null);

        using Mat decoded = Cv2.ImDecode(png, ImreadModes.Color);
        Assert.Equal((320, 240), (decoded.Width, decoded.Height));
        Assert.Equal(0, Cv2.CountNonZero(decoded.CvtColor(ColorConversionCodes.BGR2GRAY)));
    }

    [Fact]
    public void OverlayRenderer_DrawsZonesBoxesAndCount()
    {
        ZoneSet zones = ZoneSet.Create(
        [
            new ZoneDefinition { ZoneId = "a", Label = "A", Points = [new(0.1f, 0.1f), new(0.9f, 0.1f), new(0.9f, 0.9f), new(0.1f, 0.9f)] },
        ]);
        var counter = new CrowdCounter(zones, Frame, new CrowdCounterOptions { Tracker = new() { MinimumHits = 1 } });
        var result = new CrowdFrameResult();
        counter.ProcessFrame([new Detection(100, 80, 140, 180, 0.9f, 0)], 0, result);
        using var image = new Mat(240, 320, MatType.CV_8UC3, Scalar.All(0));

        new OverlayRenderer(zones, Frame).Draw(image, result);

        Assert.Equal((320, 240), (image.Width, image.Height));
        Assert.NotEqual(new Vec3b(0, 0, 0), image.At<Vec3b>(24, 160));   // zone A's top edge at y = 0.1 · 240
        Assert.NotEqual(new Vec3b(0, 0, 0), image.At<Vec3b>(130, 100));  // the person's box, left edge
        Assert.Equal(new Vec3b(0, 0, 0), image.At<Vec3b>(200, 200));     // empty floor stays untouched
    }
}
