using CrowdPortal.Core.Geometry;

namespace CrowdPortal.Core.Tests.Geometry;

public class FrameSizeAndAnchorTests
{
    public static TheoryData<string, Point2, Point2> PixelRows => new()
    {
        { "origin", new(0, 0), new(0, 0) },
        { "centre", new(0.5f, 0.5f), new(384, 288) },
        { "bottom-right corner", new(1, 1), new(768, 576) },
        { "quarter", new(0.25f, 0.75f), new(192, 432) },
    };

    [Theory]
    [MemberData(nameof(PixelRows))]
    public void ToPixels_ScalesByFrameSize(string label, Point2 normalised, Point2 pixels)
    {
        var frame = new FrameSize(768, 576);
        Assert.True(frame.ToPixels(normalised) == pixels, label);
        Assert.True(frame.ToNormalised(pixels) == normalised, label + " (back)");
    }

    [Fact]
    public void ToPixels_OfEmptyList_IsEmpty()
    {
        Assert.Empty(new FrameSize(10, 10).ToPixels(Array.Empty<Point2>()));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, -1)]
    public void FrameSize_RejectsNonPositiveSides(int width, int height)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrameSize(width, height));
    }

    public static TheoryData<string, AnchorPoint, Point2> AnchorRows => new()
    {
        { "bottom-centre (feet)", AnchorPoint.BottomCenter, new(30, 120) },
        { "centre", AnchorPoint.Center, new(30, 70) },
        { "top-centre (head)", AnchorPoint.TopCenter, new(30, 20) },
    };

    [Theory]
    [MemberData(nameof(AnchorRows))]
    public void Detection_Anchor(string label, AnchorPoint anchor, Point2 expected)
    {
        var box = new Detection(10, 20, 50, 120, 0.9f, 0);
        Assert.True(box.Anchor(anchor) == expected, label);
    }

    [Fact]
    public void Detection_Anchor_DefaultsToFeet()
    {
        Assert.Equal(new Point2(30, 120), new Detection(10, 20, 50, 120, 0.9f, 0).Anchor());
    }
}
