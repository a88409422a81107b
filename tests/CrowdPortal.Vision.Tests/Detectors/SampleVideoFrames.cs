using CrowdPortal.Tests.Shared;
using OpenCvSharp;

namespace CrowdPortal.Vision.Tests.Detectors;

/// <summary>Reads chosen frames of vtest.avi by decoding from the start (seeking in MS-MPEG4v3 AVI is not frame-exact).</summary>
internal static class SampleVideoFrames
{
    /// <summary>The frames at the given indices (ascending), as BGR Mats the caller disposes.</summary>
    public static Mat[] Read(params int[] indices)
    {
        using var capture = new VideoCapture(RepoPaths.SampleVideo);
        Assert.True(capture.IsOpened(), "OpenCV could not open " + RepoPaths.SampleVideo);
        var frames = new Mat[indices.Length];
        using var frame = new Mat();
        int next = 0;
        for (int index = 0; next < indices.Length && capture.Read(frame) && !frame.Empty(); index++)
        {
            if (index == indices[next])
            {
                frames[next++] = frame.Clone();
            }
        }

        Assert.True(next == indices.Length, $"vtest.avi ended before frame {indices[^1]}");
        return frames;
    }
}
