using CrowdPortal.Core;
using CrowdPortal.Core.Counting;
using CrowdPortal.Core.Geometry;
using CrowdPortal.Core.Zones;
using CrowdPortal.Tests.Shared;
using CrowdPortal.Vision.Detectors;
using CrowdPortal.Vision.Models;
using CrowdPortal.Vision.Pipeline;
using CrowdPortal.Vision.Sources;
using CrowdPortal.Vision.Tests.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrowdPortal.Vision.Tests.Pipeline;

public sealed class AnalysisPipelineTests
{
    // Two people standing in the left half of the 768x576 frame, one in the right half.
    private static readonly Detection[] ThreePeople =
    [
        new(100, 200, 150, 330, 0.9f, 0),
        new(250, 220, 300, 350, 0.8f, 0),
        new(600, 200, 650, 330, 0.85f, 0),
    ];

    private static readonly ZoneSet LeftHalf = ZoneSet.Create(
    [
        new ZoneDefinition { ZoneId = "left", Label = "Left", Points = [new(0, 0), new(0.5f, 0), new(0.5f, 1), new(0, 1)], InertiaFrames = 1 },
    ]);

    public static TheoryData<string, int, int, long[]> Strides => new()
    {
        { "every frame", 1, 6, [0, 1, 2, 3, 4, 5] },
        { "every 2nd", 2, 6, [0, 2, 4] },
        { "every 5th", 5, 12, [0, 5, 10] },
        { "stride longer than the run", 50, 6, [0] },
    };

    [Theory]
    [MemberData(nameof(Strides))]
    public async Task RunAsync_Stride_AnalysesEveryNthDecodedFrame(string label, int stride, int maxFrames, long[] expected)
    {
        using var source = new VideoFileSource(RepoPaths.SampleVideo);
        using var detector = new FixedBoxesDetector(ThreePeople);
        var sink = new RecordingSink();
        var pipeline = new AnalysisPipeline(detector, ZoneSet.Empty, new AnalysisOptions { FrameStride = stride, MaxFrames = maxFrames });

        AnalysisSummary summary = await pipeline.RunAsync(source, [sink]);

        Assert.Equal(expected, sink.Frames.Select(f => f.Index).ToArray());
        Assert.Equal(expected.Length, detector.Calls);
        Assert.Equal(maxFrames, summary.FramesDecoded);
        Assert.Equal(expected.Length, summary.FramesAnalysed);
        Assert.All(sink.Frames, f => Assert.Equal(f.Index / 10.0, f.Time, precision: 6));
        Assert.NotNull(label);
    }

    [Fact]
    public async Task RunAsync_FixedPeople_CountsThemPerFrameZoneAndSample()
    {
        using var source = new VideoFileSource(RepoPaths.SampleVideo);
        using var detector = new FixedBoxesDetector(ThreePeople);
        var sink = new RecordingSink();
        var pipeline = new AnalysisPipeline(detector, LeftHalf, new AnalysisOptions { MaxFrames = 30 });

        AnalysisSummary summary = await pipeline.RunAsync(source, [sink]);

        Assert.Equal(new AnalysisStart(source.Info, new FrameSize(768, 576), LeftHalf, "fixed"), sink.Start);
        Assert.All(sink.Frames, f => Assert.Equal(3, f.People));
        Assert.Equal([2], sink.Frames[^1].ZoneCurrent);
        Assert.Equal(3, sink.Frames[^1].Tracks);

        // 30 frames at 10 fps = 3 one-second intervals, each with a whole-frame and a zone sample.
        Assert.Equal(
            [(0.0, "frame"), (0.0, "left"), (1.0, "frame"), (1.0, "left"), (2.0, "frame"), (2.0, "left")],
            sink.Samples.OrderBy(s => s.Ts).ThenBy(s => s.ZoneId).Select(s => (s.Ts, s.ZoneId)).ToArray());
        Assert.All(sink.Samples.Where(s => s.ZoneId == CountSample.FrameZoneId), s => Assert.Equal(3, s.Peak));
        Assert.All(sink.Samples.Where(s => s.ZoneId == "left"), s => Assert.Equal(2, s.Current));
        Assert.Equal(3.0, summary.VideoSeconds, precision: 6);
        Assert.NotNull(summary.Heatmap);
        Assert.True(summary.Heatmap!.Max > 0);
    }

    [Fact]
    public async Task RunAsync_Sinks_AreCalledStartedFramesThenCompleted()
    {
        using var source = new VideoFileSource(RepoPaths.SampleVideo);
        using var detector = new FixedBoxesDetector();
        var sink = new RecordingSink();

        await new AnalysisPipeline(detector, ZoneSet.Empty, new AnalysisOptions { MaxFrames = 4 }).RunAsync(source, [sink]);

        Assert.Equal("started", sink.Calls[0]);
        Assert.Equal("completed", sink.Calls[^1]);
        Assert.Equal(4, sink.Calls.Count(c => c == "frame"));
        Assert.Single(sink.Calls, c => c == "completed");
        Assert.All(sink.Frames, f => Assert.Equal(0, f.People));
    }

    [Fact]
    public async Task RunAsync_StageTimes_AreMeasuredAndTakenFromATimedDetector()
    {
        using var source = new VideoFileSource(RepoPaths.SampleVideo);
        using var detector = new FixedBoxesDetector(ThreePeople);

        AnalysisSummary summary = await new AnalysisPipeline(detector, ZoneSet.Empty, new AnalysisOptions { MaxFrames = 5 }).RunAsync(source, []);

        StageTimingSummary t = summary.Timings;
        Assert.True(t.DecodeMs > 0, "decode is timed on the decode thread");
        Assert.NotNull(t.DetectMs);
        Assert.NotNull(t.TrackingMs);
        Assert.Equal((1.0, 2.0, 3.0), (t.PreprocessMs, t.InferenceMs, t.PostprocessMs));
        Assert.True(summary.FramesPerSecond > 0);
    }

    [Fact]
    public async Task RunAsync_Cancelled_ThrowsAndDoesNotComplete()
    {
        using var source = new VideoFileSource(RepoPaths.SampleVideo);
        using var detector = new FixedBoxesDetector();
        using var cancel = new CancellationTokenSource();
        var sink = new RecordingSink { OnEachFrame = f => { if (f.Index == 3) { cancel.Cancel(); } } };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new AnalysisPipeline(detector, ZoneSet.Empty).RunAsync(source, [sink], null, cancel.Token));

        Assert.DoesNotContain("completed", sink.Calls);
        Assert.InRange(sink.Frames.Count, 4, 10);
    }

    [Fact]
    public async Task RunAsync_SourceFailsPartWay_SurfacesTheSourceError()
    {
        using var source = new FailingSource(RepoPaths.SampleVideo, failAfter: 5);
        using var detector = new FixedBoxesDetector();
        var sink = new RecordingSink();

        var ex = await Assert.ThrowsAsync<VideoSourceException>(() => new AnalysisPipeline(detector, ZoneSet.Empty).RunAsync(source, [sink]));

        Assert.Contains("damaged frame", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("completed", sink.Calls);
    }

    [Fact]
    public async Task RunAsync_Progress_RisesToTheWholeRun()
    {
        using var source = new VideoFileSource(RepoPaths.SampleVideo);
        using var detector = new FixedBoxesDetector();
        var reports = new List<AnalysisProgress>();
        var progress = new SynchronousProgress(reports.Add);
        var options = new AnalysisOptions { MaxFrames = 40, ProgressInterval = TimeSpan.Zero };

        await new AnalysisPipeline(detector, ZoneSet.Empty, options).RunAsync(source, [], progress);

        Assert.NotEmpty(reports);
        Assert.All(reports, r => Assert.Equal(40, r.TotalFrames));
        Assert.Equal(1.0, reports[^1].Fraction);
        Assert.Equal(TimeSpan.Zero, reports[^1].Remaining);
        Assert.True(reports.Select(r => r.FramesDecoded).SequenceEqual(reports.Select(r => r.FramesDecoded).Order()), "never goes backwards");
    }

    [Fact]
    public async Task RunAsync_JpegPushSource_AnalysesPushedFramesUntilCompleted()
    {
        using var source = new JpegPushSource();
        using var detector = new FixedBoxesDetector(ThreePeople);
        var sink = new RecordingSink();
        using (var frame = new OpenCvSharp.Mat(576, 768, OpenCvSharp.MatType.CV_8UC3, OpenCvSharp.Scalar.All(90)))
        {
            OpenCvSharp.Cv2.ImEncode(".jpg", frame, out byte[] jpeg);
            source.Push(jpeg, 0.0);
        }

        source.Complete();
        await new AnalysisPipeline(detector, LeftHalf).RunAsync(source, [sink]);

        Assert.Single(sink.Frames);
        Assert.Equal(3, sink.Frames[0].People);
        Assert.Equal(new OpenCvSharp.Size(768, 576), detector.FrameSizes[0]);
    }

    [Fact]
    public async Task RunAsync_RealNanoDet_FindsPeopleInTheSampleVideo()
    {
        using var detector = DetectorFactory.Create(ImportedModels.Entry(DefaultModels.NanoDet), NullLogger.Instance);
        using var source = new VideoFileSource(RepoPaths.SampleVideo);
        var sink = new RecordingSink();

        await new AnalysisPipeline(detector, ZoneSet.Empty, new AnalysisOptions { MaxFrames = 20 }).RunAsync(source, [sink]);

        // vtest.avi shows 2-8 people in every frame.
        Assert.Equal(20, sink.Frames.Count);
        Assert.All(sink.Frames, f => Assert.InRange(f.People, 1, 12));
        Assert.Contains(sink.Frames, f => f.Tracks > 0);
    }

    [Fact]
    public async Task RunAsync_PoolOfTwoSessions_CountsFrameForFrameAsOneSession()
    {
        ModelEntry nanodet = ImportedModels.Entry(DefaultModels.NanoDet);
        using IPersonDetector single = DetectorFactory.Create(nanodet, NullLogger.Instance);
        using IPersonDetector pool = DetectorFactory.CreatePool(nanodet, NullLogger.Instance, workers: 2);

        var alone = await CountFramesAsync(single);
        var pooled = await CountFramesAsync(pool);

        // Two frames are detected at once, yet the tracker sees them in order: same people, same tracks, frame by frame.
        Assert.Equal(2, new AnalysisPipeline(pool, ZoneSet.Empty).Concurrency);
        Assert.Equal(60, pooled.Count);
        Assert.Equal(alone, pooled);

        static async Task<List<(long, int, int)>> CountFramesAsync(IPersonDetector detector)
        {
            using var source = new VideoFileSource(RepoPaths.SampleVideo);
            var sink = new RecordingSink();
            await new AnalysisPipeline(detector, ZoneSet.Empty, new AnalysisOptions { MaxFrames = 60 }).RunAsync(source, [sink]);
            return [.. sink.Frames.Select(f => (f.Index, f.People, f.Tracks))];
        }
    }

    [Theory]
    [InlineData("stride 0", 0, 4)]
    [InlineData("queue 0", 1, 0)]
    public void Constructor_BadOptions_Throws(string label, int stride, int queue)
    {
        using var detector = new FixedBoxesDetector();

        Assert.Throws<ArgumentOutOfRangeException>(
            () => new AnalysisPipeline(detector, ZoneSet.Empty, new AnalysisOptions { FrameStride = stride, QueueCapacity = queue }));
        Assert.NotNull(label);
    }

    /// <summary>Reports on the caller's thread, unlike <see cref="Progress{T}"/>, so the test sees every report before it asserts.</summary>
    private sealed class SynchronousProgress(Action<AnalysisProgress> report) : IProgress<AnalysisProgress>
    {
        public void Report(AnalysisProgress value) => report(value);
    }
}
