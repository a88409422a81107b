using System.Collections.Concurrent;
using CrowdPortal.Core;
using CrowdPortal.Core.Analysis;
using OpenCvSharp;

namespace CrowdPortal.Vision.Detectors;

/// <summary>
/// Finds people too small for the detector's input (a 1080p frame scaled down to 416 px shrinks a far person to a few
/// pixels): detects on the whole frame and, when tiling applies, on <see cref="TilingOptions.Grid"/>² overlapping tiles
/// (<see cref="TileLayout"/>), each scaled up to the same input. A tile's box that touches an inner tile edge is a cut
/// person and dropped (the neighbouring tile, through the overlap, or the whole frame sees them whole); the passes are
/// merged by <see cref="TileMerger"/>, so a person seen in several passes counts once. <see cref="TilingMode.Auto"/>
/// tiles only frames larger than the detector's input by <see cref="TilingOptions.AutoFactor"/>: one decision per
/// frame size, so a camera whose resolution changes follows. Thread-safe when the inner detector is (a pool): each call
/// takes its own buffers. Owns the inner detector.
/// </summary>
public sealed class TiledDetector : IConcurrentDetector
{
    private readonly IPersonDetector _inner;
    private readonly int? _inputSide;
    private readonly TilingOptions _options;
    private readonly IReadOnlyList<FarArea> _areas;
    private readonly ConcurrentBag<Work> _work = [];
    private volatile LayoutFor? _layout;

    /// <param name="inner">The detector run on the frame and on each tile.</param>
    /// <param name="mode">Off, auto or on.</param>
    /// <param name="inputSide">The long side of the detector's input in pixels; null (unknown, e.g. HOG) never auto-tiles.</param>
    /// <param name="options">Grid, overlap and the auto factor.</param>
    /// <param name="areas">
    /// Areas a user marked as far (the upper lawn of a square): each is detected as one more tile on every frame, whatever
    /// the mode, scaled up to the detector's input.
    /// </param>
    public TiledDetector(IPersonDetector inner, TilingMode mode, int? inputSide, TilingOptions? options = null, IReadOnlyList<FarArea>? areas = null)
    {
        _areas = areas ?? [];
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        Mode = mode;
        _inputSide = inputSide;
        _options = options ?? new TilingOptions();
        _options.Validate();
    }

    public string Name => _inner.Name;

    /// <inheritdoc />
    public float ConfidentScore => _inner.ConfidentScore;

    public TilingMode Mode { get; }

    public int Concurrency => _inner is IConcurrentDetector concurrent ? concurrent.Concurrency : 1;

    /// <summary>Whether frames of this size are tiled.</summary>
    public bool Tiles(int frameWidth, int frameHeight) => Mode switch
    {
        TilingMode.On => true,
        TilingMode.Auto => _inputSide is int side && Math.Max(frameWidth, frameHeight) > side * _options.AutoFactor,
        _ => false,
    };

    public void Detect(Mat bgrFrame, List<Detection> output)
    {
        _inner.Detect(bgrFrame, output);
        bool tiles = !bgrFrame.Empty() && Tiles(bgrFrame.Width, bgrFrame.Height);
        if (!tiles && (_areas.Count == 0 || bgrFrame.Empty()))
        {
            return;
        }

        Work work = _work.TryTake(out Work? free) ? free : new Work();
        try
        {
            work.Merger.Clear();
            foreach (Detection box in output)
            {
                work.Merger.Add(box, 0);
            }

            int pass = 1;
            foreach (Tile tile in tiles ? LayoutOf(bgrFrame.Width, bgrFrame.Height) : [])
            {
                DetectIn(bgrFrame, tile, pass++, work);
            }

            foreach (FarArea area in _areas)
            {
                if (area.InPixels(bgrFrame.Width, bgrFrame.Height) is Tile tile)
                {
                    DetectIn(bgrFrame, tile, pass++, work);
                }
            }

            work.Merger.MergeInto(output);
        }
        finally
        {
            _work.Add(work);
        }
    }

    public void Dispose() => _inner.Dispose();

    private void DetectIn(Mat frame, Tile tile, int pass, Work work)
    {
        using (var view = new Mat(frame, new Rect(tile.X, tile.Y, tile.Width, tile.Height)))
        {
            _inner.Detect(view, work.TileBoxes);
        }

        AddUncut(work, tile, pass, frame.Width, frame.Height);
    }

    /// <summary>Adds a tile's boxes in frame pixels, except those cut by one of the tile's inner edges.</summary>
    private static void AddUncut(Work work, Tile tile, int pass, int frameWidth, int frameHeight)
    {
        // A box "touches" an edge within 1 % of the tile (at least 2 px): detectors clip boxes at the input's border.
        float marginX = Math.Max(2f, tile.Width * 0.01f);
        float marginY = Math.Max(2f, tile.Height * 0.01f);
        foreach (Detection box in work.TileBoxes)
        {
            bool cut = (tile.X > 0 && box.X1 <= marginX)
                || (tile.Y > 0 && box.Y1 <= marginY)
                || (tile.Right < frameWidth && box.X2 >= tile.Width - marginX)
                || (tile.Bottom < frameHeight && box.Y2 >= tile.Height - marginY);
            if (!cut)
            {
                work.Merger.Add(box with { X1 = box.X1 + tile.X, Y1 = box.Y1 + tile.Y, X2 = box.X2 + tile.X, Y2 = box.Y2 + tile.Y }, pass);
            }
        }
    }

    private Tile[] LayoutOf(int width, int height)
    {
        LayoutFor? layout = _layout;
        if (layout is null || layout.Width != width || layout.Height != height)
        {
            _layout = layout = new LayoutFor(width, height, TileLayout.For(width, height, _options.Grid, _options.Overlap));
        }

        return layout.Tiles;
    }

    private sealed record LayoutFor(int Width, int Height, Tile[] Tiles);

    private sealed class Work
    {
        public TileMerger Merger { get; } = new();

        public List<Detection> TileBoxes { get; } = [];
    }
}
