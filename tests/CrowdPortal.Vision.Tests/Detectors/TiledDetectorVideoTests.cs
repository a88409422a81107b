using CrowdPortal.Core;
using CrowdPortal.Core.Analysis;
using CrowdPortal.Tests.Shared;
using CrowdPortal.Vision.Detectors;
using CrowdPortal.Vision.Models;
using CrowdPortal.Vision.Sources;
using CrowdPortal.Vision.Tests.Models;
using OpenCvSharp;

namespace CrowdPortal.Vision.Tests.Detectors;

/// <summary>
/// vtest.avi scaled up by ffmpeg to 1920x1440 (2.5x: the detector's 416 px input then sees each person 4.6x smaller
/// than in the frame). With the default int8 NanoDet, <c>auto</c> tiles such frames and finds people the whole-frame pass
/// misses (the far people on the upper lawn, frames 80-170), while every person the whole frame finds is still found once.
/// </summary>
public class TiledDetectorVideoTests
{
    [Fact]
    public void Detect_AutoOnUpscaledVtest_FindsPeopleTheWholeFrameMisses()
    {
        using var folder = new TempFolder();
        string clip = folder.File("vtest-1920x1440.mkv");
        VideoClips.Cut(RepoPaths.SampleVideo, clip, firstFrame: 100, frames: 40, extraFilter: "scale=1920:1440:flags=bicubic");
        ModelEntry entry = ImportedModels.Entry(DefaultModels.NanoDetInt8);
        int inputSide = Math.Max(entry.Sidecar.InputWidth, entry.Sidecar.InputHeight);
        using var tiled = new TiledDetector(DetectorFactory.Create(entry, new RecordingLogger()), TilingMode.Auto, inputSide);
        using var whole = DetectorFactory.Create(entry, new RecordingLogger());
        using var source = new VideoFileSource(clip);
        using var frame = new Mat();
        var wholeBoxes = new List<Detection>();
        var tiledBoxes = new List<Detection>();
        int frames = 0, wholeCount = 0, tiledCount = 0;

        // Every 10th of the 40 frames: enough to see the far people, little CPU.
        for (int index = 0; source.TryRead(frame, out _, CancellationToken.None); index++)
        {
            if (index % 10 != 0)
            {
                continue;
            }

            Assert.Equal((1920, 1440), (frame.Width, frame.Height));
            Assert.True(tiled.Tiles(frame.Width, frame.Height), "auto should tile a 1920x1440 frame for a 416 px input");
            whole.Detect(frame, wholeBoxes);
            tiled.Detect(frame, tiledBoxes);
            foreach (Detection person in wholeBoxes)
            {
                Assert.Equal(1, tiledBoxes.Count(t => t.IoU(person) > 0.5f));
            }

            frames++;
            wholeCount += wholeBoxes.Count;
            tiledCount += tiledBoxes.Count;
        }

        Assert.Equal(4, frames);
        Assert.True(tiledCount > wholeCount, $"tiling found {tiledCount} people in {frames} frames, the whole frame {wholeCount}");
    }
}
