using CrowdPortal.Vision.Pipeline;
using CrowdPortal.Vision.Sources;
using OpenCvSharp;

namespace CrowdPortal.Web.Cameras;

/// <summary>
/// Makes a live source hand the pipeline its newest frame at the moment the detector becomes free, not one taken
/// earlier and left waiting in the pipeline's hand-over queue: the next frame is read only after the previous one has
/// been analysed (this sink's <see cref="OnFrame"/>). With a live source the slot behind it already drops stale frames,
/// so this removes the last queue between capture and count. Wraps, but does not own, the source.
/// </summary>
internal sealed class FreshFrameGate(IFrameSource source) : AnalysisSink, IFrameSource
{
    private readonly SemaphoreSlim _detectorFree = new(1, 1);

    public FrameSourceInfo Info => source.Info;

    public bool TryRead(Mat destination, out FrameStamp stamp, CancellationToken cancellationToken = default)
    {
        _detectorFree.Wait(cancellationToken);
        bool read = false;
        try
        {
            read = source.TryRead(destination, out stamp, cancellationToken);
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
        if (_detectorFree.CurrentCount == 0)
        {
            _detectorFree.Release();
        }
    }

    public void Dispose() => _detectorFree.Dispose();
}
