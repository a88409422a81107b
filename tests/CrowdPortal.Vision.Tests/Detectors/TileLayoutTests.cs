using CrowdPortal.Vision.Detectors;

namespace CrowdPortal.Vision.Tests.Detectors;

public class TileLayoutTests
{
    public static TheoryData<string, int, int, int, double, Tile[]> Cases => new()
    {
        { "one tile is the whole frame", 768, 576, 1, 0.25, [new(0, 0, 768, 576)] },
        { "2x2 without overlap halves the frame", 768, 576, 2, 0, [new(0, 0, 384, 288), new(384, 0, 384, 288), new(0, 288, 384, 288), new(384, 288, 384, 288)] },
        {
            "2x2 with a quarter overlap: tiles of 768/1.75, the last flush with the edge", 768, 576, 2, 0.25,
            [new(0, 0, 439, 330), new(329, 0, 439, 330), new(0, 246, 439, 330), new(329, 246, 439, 330)]
        },
        {
            "1920x1440, 2x2", 1920, 1440, 2, 0.25,
            [new(0, 0, 1098, 823), new(822, 0, 1098, 823), new(0, 617, 1098, 823), new(822, 617, 1098, 823)]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void For_CutsTheFrameIntoEqualOverlappingTiles(string label, int width, int height, int grid, double overlap, Tile[] expected)
    {
        Tile[] tiles = TileLayout.For(width, height, grid, overlap);

        Assert.True(expected.SequenceEqual(tiles), $"{label}: got [{string.Join("; ", tiles)}]");
    }

    [Theory]
    [InlineData(1920, 1080, 2, 0.25)]
    [InlineData(1920, 1440, 3, 0.2)]
    [InlineData(641, 479, 4, 0.3)]
    public void For_CoversEveryPixelWithTheFramesAspectAndTheOverlap(int width, int height, int grid, double overlap)
    {
        Tile[] tiles = TileLayout.For(width, height, grid, overlap);

        Assert.Equal(grid * grid, tiles.Length);
        Assert.All(tiles, t => Assert.True(t.X >= 0 && t.Y >= 0 && t.Right <= width && t.Bottom <= height, $"{t} outside the frame"));
        Assert.Equal(width, tiles.Max(t => t.Right));
        Assert.Equal(height, tiles.Max(t => t.Bottom));
        Assert.Equal((double)width / height, (double)tiles[0].Width / tiles[0].Height, 2);
        for (int i = 0; i + 1 < grid; i++)
        {
            // Neighbours overlap by at least the asked share of a tile (less a pixel of rounding): no gap anywhere.
            Assert.True(tiles[i].Right - tiles[i + 1].X >= (overlap * tiles[0].Width) - 1, $"columns {i},{i + 1}: {tiles[i]} {tiles[i + 1]}");
            Assert.True(tiles[i * grid].Bottom - tiles[(i + 1) * grid].Y >= (overlap * tiles[0].Height) - 1, $"rows {i},{i + 1}");
        }
    }
}
