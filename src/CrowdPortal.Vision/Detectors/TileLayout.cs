namespace CrowdPortal.Vision.Detectors;

/// <summary>A tile of a frame in pixels.</summary>
public readonly record struct Tile(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;
}

/// <summary>
/// Cuts a frame into <c>grid × grid</c> equal tiles that overlap their neighbours by a share of the tile, the first at
/// the frame's top-left corner and the last flush with its bottom-right one, so together they cover every pixel. Every
/// tile has the frame's aspect, so one detector input size serves the whole frame and its tiles.
/// </summary>
public static class TileLayout
{
    public static Tile[] For(int frameWidth, int frameHeight, int grid, double overlap)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(grid, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(frameWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(frameHeight, 1);
        int[] xs = Starts(frameWidth, grid, overlap, out int width);
        int[] ys = Starts(frameHeight, grid, overlap, out int height);
        var tiles = new Tile[grid * grid];
        for (int row = 0; row < grid; row++)
        {
            for (int column = 0; column < grid; column++)
            {
                tiles[(row * grid) + column] = new Tile(xs[column], ys[row], width, height);
            }
        }

        return tiles;
    }

    /// <summary>Tile starts along one side: n tiles of size s overlapping by overlap·s span the side exactly.</summary>
    private static int[] Starts(int side, int grid, double overlap, out int size)
    {
        size = Math.Min(side, (int)Math.Ceiling(side / (grid - ((grid - 1) * overlap))));
        var starts = new int[grid];
        for (int i = 0; i < grid; i++)
        {
            starts[i] = grid == 1 ? 0 : (int)Math.Round((double)(side - size) * i / (grid - 1));
        }

        return starts;
    }
}
