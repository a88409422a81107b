using CrowdPortal.Core.Geometry;
using CrowdPortal.Core.Heatmaps;
using CrowdPortal.Core.Tracking;

namespace CrowdPortal.Core.Tests.Heatmaps;

public class HeatmapAccumulatorTests
{
    private static Detection Feet(float x, float y) => new(x - 5, y - 30, x + 5, y, 0.9f, 0);

    public static TheoryData<string, int, int, int, int, int> GridRows => new()
    {
        { "768x576 by 8", 768, 576, 8, 96, 72 },
        { "rounds up", 770, 577, 8, 97, 73 },
        { "cell of one pixel", 5, 3, 1, 5, 3 },
    };

    [Theory]
    [MemberData(nameof(GridRows))]
    public void Grid_IsFrameDividedByCellSizeRoundedUp(string label, int width, int height, int cell, int gridWidth, int gridHeight)
    {
        var heatmap = new HeatmapAccumulator(new FrameSize(width, height), new HeatmapOptions { CellSize = cell });
        Assert.True(gridWidth == heatmap.GridWidth && gridHeight == heatmap.GridHeight, label);
    }

    [Fact]
    public void EmptyInput_GivesAnAllZeroGrid()
    {
        var heatmap = new HeatmapAccumulator(new FrameSize(160, 80));
        heatmap.AddFrame(Array.Empty<Detection>());
        Assert.Equal(1, heatmap.FrameCount);
        Assert.Equal(0, heatmap.Max);
        Assert.All(heatmap.ToNormalised(), v => Assert.Equal(0, v));
    }

    [Fact]
    public void OnePerson_PeaksAtTheFeetCell_AndAddsOneInTotal()
    {
        // Big enough that the whole splat (radius 5 cells) lies inside the grid.
        var heatmap = new HeatmapAccumulator(new FrameSize(320, 160));
        heatmap.AddFrame([Feet(84, 44)]); // cell (10, 5)
        float[] grid = heatmap.ToNormalised();
        Assert.Equal(1f, grid[(5 * heatmap.GridWidth) + 10]);
        Assert.All(grid, v => Assert.InRange(v, 0f, 1f));

        float[] raw = new float[heatmap.GridWidth * heatmap.GridHeight];
        heatmap.CopyRaw(raw);
        Assert.Equal(1.0, raw.Sum(), 4);
    }

    [Fact]
    public void MoreFramesAtASpot_MeansMoreHeat()
    {
        var heatmap = new HeatmapAccumulator(new FrameSize(160, 80));
        for (int f = 0; f < 10; f++)
        {
            heatmap.AddFrame(f < 5 ? [Feet(20, 20), Feet(140, 60)] : [Feet(20, 20)]);
        }

        float[] grid = heatmap.ToNormalised();
        Assert.Equal(1f, grid[(2 * heatmap.GridWidth) + 2]);
        Assert.Equal(0.5f, grid[(7 * heatmap.GridWidth) + 17], 3);
    }

    public static TheoryData<string, float, bool> DecayRows => new()
    {
        { "no decay: equal time, equal heat", 1f, false },
        { "decay: the recent spot is hotter", 0.9f, true },
    };

    [Theory]
    [MemberData(nameof(DecayRows))]
    public void Decay_FadesOldHeat(string label, float decay, bool recentHotter)
    {
        var heatmap = new HeatmapAccumulator(new FrameSize(160, 80), new HeatmapOptions { DecayPerFrame = decay });
        for (int f = 0; f < 20; f++)
        {
            heatmap.AddFrame(f < 10 ? [Feet(20, 20)] : [Feet(140, 60)]);
        }

        float[] grid = heatmap.ToNormalised();
        float old = grid[(2 * heatmap.GridWidth) + 2];
        float recent = grid[(7 * heatmap.GridWidth) + 17];
        Assert.True(recentHotter ? recent > old * 2 : Math.Abs(recent - old) < 1e-5, $"{label}: old {old}, recent {recent}");
    }

    [Fact]
    public void AnchorBelowTheFrame_IsClampedToTheBottomRow()
    {
        var heatmap = new HeatmapAccumulator(new FrameSize(160, 80));
        heatmap.AddFrame([new TrackedPerson(1, Feet(84, 95))]);
        float[] grid = heatmap.ToNormalised();
        Assert.Equal(1f, grid[((heatmap.GridHeight - 1) * heatmap.GridWidth) + 10]);
    }

    [Fact]
    public void Reset_ClearsHeat()
    {
        var heatmap = new HeatmapAccumulator(new FrameSize(160, 80));
        heatmap.AddFrame([Feet(20, 20)]);
        heatmap.Reset();
        Assert.Equal(0, heatmap.Max);
        Assert.Equal(0, heatmap.FrameCount);
    }
}
