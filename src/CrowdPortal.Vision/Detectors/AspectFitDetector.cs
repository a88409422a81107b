using CrowdPortal.Core;
using CrowdPortal.Vision.Pipeline;
using OpenCvSharp;

namespace CrowdPortal.Vision.Detectors;

/// <summary>
/// Runs a model that takes any image size (imported with <c>TfjsImportOptions.AnyImageSize</c>) at an input shaped like
/// the frame, instead of letterboxing every frame into a square: the long side keeps the model's own size and the short
/// side follows the frame's aspect, rounded up to a multiple of 32 (416x320 for 4:3 video, 416x256 for 16:9). The
/// padding a square input spends its compute on (a quarter of it for 4:3, 38 % for 16:9) is gone; the people are the
/// same size in the input, so the boxes are the same. An inner detector is built per input size and kept (up to
/// <see cref="MaxSizes"/>), so a pooled detector shared by cameras of different aspects does not rebuild its session at
/// every frame.
/// </summary>
internal sealed class AspectFitDetector : IPersonDetector, IStageTimedDetector
{
    /// <summary>Input sides are multiples of this: the coarsest stride of the models' feature pyramids.</summary>
    public const int SizeMultiple = 32;

    /// <summary>Input sizes whose detectors are kept; the least recently used goes when another is needed.</summary>
    public const int MaxSizes = 4;

    private readonly int _modelSize;
    private readonly Func<int, int, IPersonDetector> _create;
    private readonly List<((int Width, int Height) Size, IPersonDetector Detector)> _bySize = [];
    private IPersonDetector _current;
    private (int Width, int Height) _frameSize;

    /// <param name="modelSize">The model's own (square) input size: the long side of every input.</param>
    /// <param name="create">Builds the detector for an input width and height.</param>
    /// <param name="frameSize">
    /// The frames' size when the caller already knows it (a video file): the first detector is then built at the fitted
    /// size, not at the model's own size and again at the first frame (a second session costs 0.1-0.3 s of start-up).
    /// </param>
    public AspectFitDetector(int modelSize, Func<int, int, IPersonDetector> create, (int Width, int Height)? frameSize = null)
    {
        _modelSize = modelSize;
        _create = create;

        // Built before the first frame, so a broken model fails here and not at the first frame.
        InputSize = frameSize is (int width, int height) && width > 0 && height > 0 ? InputSizeFor(width, height, modelSize) : (modelSize, modelSize);
        if (frameSize is (int w, int h) && InputSize != (modelSize, modelSize))
        {
            _frameSize = (w, h);
        }

        _current = create(InputSize.Width, InputSize.Height);
        _bySize.Add((InputSize, _current));
    }

    public string Name => _current.Name;

    /// <inheritdoc />
    public float ConfidentScore => _current.ConfidentScore;

    /// <summary>The input size in use: the model's own until the first frame, then the one fitted to the frames.</summary>
    public (int Width, int Height) InputSize { get; private set; }

    public DetectorStageTimes LastStageTimes => _current is IStageTimedDetector timed ? timed.LastStageTimes : default;

    /// <summary>The input for a frame: long side <paramref name="modelSize"/>, short side in proportion, rounded up to 32.</summary>
    public static (int Width, int Height) InputSizeFor(int frameWidth, int frameHeight, int modelSize)
    {
        if (frameWidth <= 0 || frameHeight <= 0)
        {
            return (modelSize, modelSize);
        }

        return frameWidth >= frameHeight
            ? (modelSize, RoundUp((double)frameHeight * modelSize / frameWidth))
            : (RoundUp((double)frameWidth * modelSize / frameHeight), modelSize);
    }

    public void Detect(Mat bgrFrame, List<Detection> output)
    {
        if (!bgrFrame.Empty() && (bgrFrame.Width, bgrFrame.Height) != _frameSize)
        {
            _frameSize = (bgrFrame.Width, bgrFrame.Height);
            var wanted = InputSizeFor(bgrFrame.Width, bgrFrame.Height, _modelSize);
            if (wanted != InputSize)
            {
                _current = DetectorFor(wanted);
                InputSize = wanted;
            }
        }

        _current.Detect(bgrFrame, output);
    }

    public void Dispose()
    {
        foreach (var (_, detector) in _bySize)
        {
            detector.Dispose();
        }
    }

    /// <summary>The kept detector for an input size (moved to the back: most recently used), or a new one.</summary>
    private IPersonDetector DetectorFor((int Width, int Height) size)
    {
        int index = _bySize.FindIndex(e => e.Size == size);
        var entry = index >= 0 ? _bySize[index] : (size, _create(size.Width, size.Height));
        if (index >= 0)
        {
            _bySize.RemoveAt(index);
        }
        else if (_bySize.Count >= MaxSizes)
        {
            _bySize[0].Detector.Dispose();
            _bySize.RemoveAt(0);
        }

        _bySize.Add(entry);
        return entry.Item2;
    }

    // A hair below the multiple still rounds down (312.0000001 is 312): sizes come from exact integer ratios.
    private static int RoundUp(double side) => Math.Max(1, (int)Math.Ceiling((side - 1e-6) / SizeMultiple)) * SizeMultiple;
}
