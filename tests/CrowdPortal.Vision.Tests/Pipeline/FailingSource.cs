using CrowdPortal.Vision.Sources;
using OpenCvSharp;

namespace CrowdPortal.Vision.Tests.Pipeline;

/// <summary>Reads the sample video but fails like a damaged file after a number of frames.</summary>
internal sealed class FailingSource(string path, int failAfter) : IFrameSource
{
    private readonly VideoFileSource _inner = new(path);
    private int _read;

    public FrameSourceInfo Info => _inner.Info;

    public bool TryRead(Mat destination, out FrameStamp stamp, CancellationToken cancellationToken = default)
    {
        if (_read++ == failAfter)
        {
            throw new VideoSourceException("cannot decode 'vtest.avi': damaged frame");
        }

        return _inner.TryRead(destination, out stamp, cancellationToken);
    }

    public void Dispose() => _inner.Dispose();
}
