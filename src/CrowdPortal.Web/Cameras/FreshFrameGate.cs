using CrowdPortal.Vision.Pipeline;
using CrowdPortal.Vision.Sources;
using OpenCvSharp;

namespace CrowdPortal.Web.Cameras;

/// <summary>
/// Makes a live source hand the pipeline its newest frame at the moment a detector becomes free, not one taken earlier
/// and left waiting in the pipeline's hand-over queue: at most <c>inFlight</c> frames are read and not yet analysed (the
/// pipeline's concurrency: one per slot of the shared scheduler), and the next one is read only when the oldest has been
/// counted (this sink's <see cref="OnFrame"/>; the pipeline counts in frame order). With one frame in flight a camera
/// could never use more than one core; with one per detector slot it keeps them all busy when it is alone. The slot
/// behind a live source already drops stale frames, so this removes the last queue between capture and count. Wraps,
/// but does not own, the source.
/// </summary>
internal sealed class FreshFrameGate : AnalysisSink, IFrameSource
{
    private readonly IFrameSource _source;
    private readonly int _inFlight;
    private readonly SemaphoreSlim _detectorFree;

    /// <param name="source">The live source.</param>
    /// <param name="inFlight">Frames that may be read and not yet counted: the pipeline's <see cref="AnalysisPipeline.Concurrency"/>.</param>
    public FreshFrameGate(IFrameSource source, int inFlight = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFlight, 1);
        _source = source;
        _inFlight = inFlight;
        _detectorFree = new SemaphoreSlim(inFlight, inFlight);
    }

    public FrameSourceInfo Info => _source.Info;

    /// <summary>Frames read and not yet counted.</summary>
    public int InFlight => _inFlight - _detectorFree.CurrentCount;

    public bool TryRead(Mat destination, out FrameStamp stamp, CancellationToken cancellationToken = default)
    {
        _detectorFree.Wait(cancellationToken);
        bool read = false;
        try
        {
            read = _source.TryRead(destination, out stamp, cancellationToken);
            return read;
        }
        finally
        {
            if (!read)
            {
                _detectorFree.Release();
            }
        }
    }

    /// <summary>Called by the pipeline once a frame has been detected and counted: the next read may go ahead.</summary>
    public override void OnFrame(FrameAnalysis frame)
    {
        // Every counted frame was read through this gate and holds a permit; the check only guards the count's bound.
        if (_detectorFree.CurrentCount < _inFlight)
        {
            _detectorFree.Release();
        }
    }

    public void Dispose() => _detectorFree.Dispose();
}
