using CrowdPortal.Core;
using CrowdPortal.Vision.Pipeline;
using OpenCvSharp;

namespace CrowdPortal.Vision.Detectors;

/// <summary>
/// Several detectors of one model (each with its own single-threaded ONNX Runtime session and buffers) behind one
/// thread-safe <see cref="Detect"/>: a call takes a free detector, waiting when all are busy. On a small CPU, one frame
/// per core beats one frame on all cores: a single-threaded run never waits for the other core to finish its share of
/// an op. Owns the detectors.
/// </summary>
public sealed class DetectorPool : IConcurrentDetector, IStageTimedDetector
{
    // Per thread: the pipeline reads the stage times on the thread that just called Detect, while another thread may
    // already be detecting the next frame.
    // "t_" marks a thread-static field (the runtime's own convention), which the naming rules cannot tell apart.
#pragma warning disable IDE1006
    [ThreadStatic]
    private static DetectorStageTimes t_lastStageTimes;
#pragma warning restore IDE1006

    private readonly IPersonDetector[] _detectors;
    private readonly Stack<IPersonDetector> _free;
    private readonly SemaphoreSlim _available;

    /// <summary>Pools <paramref name="detectors"/> (at least one, all of the same model).</summary>
    public DetectorPool(IReadOnlyList<IPersonDetector> detectors)
    {
        ArgumentOutOfRangeException.ThrowIfZero(detectors.Count);
        _detectors = [.. detectors];
        _free = new Stack<IPersonDetector>(_detectors);
        _available = new SemaphoreSlim(_detectors.Length, _detectors.Length);
    }

    public string Name => _detectors[0].Name;

    /// <inheritdoc />
    public float ConfidentScore => _detectors[0].ConfidentScore;

    public int Concurrency => _detectors.Length;

    /// <summary>Stage times of the last <see cref="Detect"/> call made on the calling thread.</summary>
    public DetectorStageTimes LastStageTimes => t_lastStageTimes;

    public void Detect(Mat bgrFrame, List<Detection> output)
    {
        _available.Wait();
        IPersonDetector detector;
        lock (_free)
        {
            detector = _free.Pop();
        }

        try
        {
            detector.Detect(bgrFrame, output);
            t_lastStageTimes = detector is IStageTimedDetector timed ? timed.LastStageTimes : default;
        }
        finally
        {
            lock (_free)
            {
                _free.Push(detector);
            }

            _available.Release();
        }
    }

    public void Dispose()
    {
        foreach (IPersonDetector detector in _detectors)
        {
            detector.Dispose();
        }

        _available.Dispose();
    }
}
