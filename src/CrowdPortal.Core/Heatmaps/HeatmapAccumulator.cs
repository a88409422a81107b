using CrowdPortal.Core.Geometry;
using CrowdPortal.Core.Tracking;

namespace CrowdPortal.Core.Heatmaps;

/// <summary>
/// Where people stood, accumulated over frames: a float grid of the frame downscaled by
/// <see cref="HeatmapOptions.CellSize"/>, to which each person's anchor adds a small gaussian per frame (optionally
/// decaying older heat). <see cref="CopyNormalised(Span{float})"/> gives values in 0..1 (divided by the maximum) for
/// Vision/Web to colourise; there is no image code here. Not thread-safe.
/// </summary>
public sealed class HeatmapAccumulator
{
    private readonly float[] _grid;
    private readonly float[] _kernel;
    private readonly int _radius;

    public HeatmapAccumulator(FrameSize frame, HeatmapOptions? options = null)
    {
        Frame = frame;
        Options = options ?? new HeatmapOptions();
        if (Options.CellSize < 1 || !(Options.SigmaCells > 0) || !(Options.DecayPerFrame > 0 && Options.DecayPerFrame <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "CellSize must be >= 1, SigmaCells > 0 and DecayPerFrame in (0, 1].");
        }

        GridWidth = (frame.Width + Options.CellSize - 1) / Options.CellSize;
        GridHeight = (frame.Height + Options.CellSize - 1) / Options.CellSize;
        _grid = new float[GridWidth * GridHeight];
        _radius = (int)Math.Ceiling(3 * Options.SigmaCells);
        _kernel = BuildKernel(_radius, Options.SigmaCells);
    }

    public FrameSize Frame { get; }

    public HeatmapOptions Options { get; }

    /// <summary>Grid columns: ceil(frame width / cell size).</summary>
    public int GridWidth { get; }

    /// <summary>Grid rows: ceil(frame height / cell size).</summary>
    public int GridHeight { get; }

    /// <summary>Frames added so far.</summary>
    public int FrameCount { get; private set; }

    /// <summary>Largest raw cell value (0 when nothing was added).</summary>
    public float Max
    {
        get
        {
            float max = 0;
            foreach (float v in _grid)
            {
                max = Math.Max(max, v);
            }

            return max;
        }
    }

    /// <summary>Adds one frame: applies decay, then a splat at each detection's anchor.</summary>
    public void AddFrame(IReadOnlyList<Detection> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        BeginFrame();
        for (int i = 0; i < people.Count; i++)
        {
            AddPoint(people[i].Anchor(Options.Anchor));
        }
    }

    /// <summary>Adds one frame: applies decay, then a splat at each tracked person's anchor.</summary>
    public void AddFrame(IReadOnlyList<TrackedPerson> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        BeginFrame();
        for (int i = 0; i < people.Count; i++)
        {
            AddPoint(people[i].Anchor(Options.Anchor));
        }
    }

    /// <summary>Adds a splat of total weight <paramref name="weight"/> at a point in frame pixels (no decay, no frame count).</summary>
    public void AddPoint(Point2 pixel, float weight = 1f)
    {
        if (!pixel.IsFinite || !(weight > 0))
        {
            return;
        }

        // Anchors of boxes cut by the frame edge may fall just outside it: clamp them onto the border cells.
        int cx = Math.Clamp((int)MathF.Floor(pixel.X / Options.CellSize), 0, GridWidth - 1);
        int cy = Math.Clamp((int)MathF.Floor(pixel.Y / Options.CellSize), 0, GridHeight - 1);
        int size = (2 * _radius) + 1;
        for (int ky = -_radius; ky <= _radius; ky++)
        {
            int y = cy + ky;
            if (y < 0 || y >= GridHeight)
            {
                continue;
            }

            int row = y * GridWidth;
            int kernelRow = (ky + _radius) * size;
            for (int kx = -_radius; kx <= _radius; kx++)
            {
                int x = cx + kx;
                if (x >= 0 && x < GridWidth)
                {
                    _grid[row + x] += weight * _kernel[kernelRow + kx + _radius];
                }
            }
        }
    }

    /// <summary>
    /// Writes the grid, row-major (GridWidth × GridHeight), divided by <see cref="Max"/> so values are in 0..1
    /// (all zeros when empty). <paramref name="destination"/> must hold at least GridWidth × GridHeight floats.
    /// </summary>
    public void CopyNormalised(Span<float> destination)
    {
        if (destination.Length < _grid.Length)
        {
            throw new ArgumentException($"Destination holds {destination.Length} floats; the grid needs {_grid.Length}.", nameof(destination));
        }

        float max = Max;
        if (max <= 0)
        {
            destination[.._grid.Length].Clear();
            return;
        }

        float scale = 1f / max;
        for (int i = 0; i < _grid.Length; i++)
        {
            destination[i] = Math.Min(1f, _grid[i] * scale);
        }
    }

    /// <summary>
    /// Writes the raw grid, row-major: each person-frame adds 1 in total (spread by the gaussian), so raw / FrameCount
    /// is the mean number of people per cell when there is no decay.
    /// </summary>
    public void CopyRaw(Span<float> destination)
    {
        if (destination.Length < _grid.Length)
        {
            throw new ArgumentException($"Destination holds {destination.Length} floats; the grid needs {_grid.Length}.", nameof(destination));
        }

        _grid.CopyTo(destination);
    }

    /// <summary>A new array with the normalised grid (see <see cref="CopyNormalised(Span{float})"/>).</summary>
    public float[] ToNormalised()
    {
        var grid = new float[GridWidth * GridHeight];
        CopyNormalised(grid);
        return grid;
    }

    /// <summary>Clears all heat.</summary>
    public void Reset()
    {
        Array.Clear(_grid);
        FrameCount = 0;
    }

    /// <summary>Counts a frame and applies decay; the points of the frame follow via <see cref="AddPoint"/>.</summary>
    internal void BeginFrame()
    {
        FrameCount++;
        float decay = Options.DecayPerFrame;
        if (decay < 1f)
        {
            for (int i = 0; i < _grid.Length; i++)
            {
                _grid[i] *= decay;
            }
        }
    }

    /// <summary>A (2r+1)² gaussian normalised to sum 1, so each person-frame adds the same total heat.</summary>
    private static float[] BuildKernel(int radius, float sigma)
    {
        int size = (2 * radius) + 1;
        var kernel = new float[size * size];
        double sum = 0;
        for (int y = -radius; y <= radius; y++)
        {
            for (int x = -radius; x <= radius; x++)
            {
                double v = Math.Exp(-((x * x) + (y * y)) / (2.0 * sigma * sigma));
                kernel[((y + radius) * size) + x + radius] = (float)v;
                sum += v;
            }
        }

        for (int i = 0; i < kernel.Length; i++)
        {
            kernel[i] = (float)(kernel[i] / sum);
        }

        return kernel;
    }
}
