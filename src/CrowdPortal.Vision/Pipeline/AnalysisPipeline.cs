using System.Diagnostics;
using System.Threading.Channels;
using CrowdPortal.Core;
using CrowdPortal.Core.Analysis;
using CrowdPortal.Core.Geometry;
using CrowdPortal.Core.Zones;
using CrowdPortal.Vision.Detectors;
using CrowdPortal.Vision.Sources;
using OpenCvSharp;

namespace CrowdPortal.Vision.Pipeline;

/// <summary>
/// The one analysis pipeline used by the CLI, the web app's background jobs and live cameras:
/// source → frame stride → detector → <see cref="CrowdCounter"/> (masks → tracker → zone counters → samplers → alerts →
/// heatmap) → sinks. Decoding runs on its own thread and hands frames to the detector through a small bounded channel,
/// so on two cores the next frame decodes while the current one is detected; a pool of Mats makes the hand-over
/// allocation-free. A <see cref="IConcurrentDetector"/> (one single-threaded session per core) detects that many frames
/// at once; their results are counted strictly in frame order, so the tracker and the sinks see the same sequence as
/// with one frame at a time. The detector and the source are the caller's; one run at a time per pipeline.
/// </summary>
public sealed class AnalysisPipeline
{
    private readonly IPersonDetector _detector;
    private readonly ZoneSet _zones;
    private readonly AnalysisOptions _options;
    private readonly List<Detection>[] _detections;

    /// <summary>Creates a pipeline around a detector and the zones to count in.</summary>
    public AnalysisPipeline(IPersonDetector detector, ZoneSet zones, AnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(zones);
        _detector = detector;
        _zones = zones;
        _options = options ?? new AnalysisOptions();
        _options.Validate();
        Concurrency = detector is IConcurrentDetector concurrent ? Math.Max(1, concurrent.Concurrency) : 1;
        _detections = new List<Detection>[Concurrency];
        for (int i = 0; i < Concurrency; i++)
        {
            _detections[i] = new List<Detection>(256);
        }
    }

    /// <summary>Frames detected at once: the detector's <see cref="IConcurrentDetector.Concurrency"/>, else 1.</summary>
    public int Concurrency { get; }

    /// <summary>The run's settings.</summary>
    public AnalysisOptions Options => _options;

    /// <summary>
    /// Analyses <paramref name="source"/> to its end (or <see cref="AnalysisOptions.MaxFrames"/>), feeding every sink.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled; sinks get no <see cref="IAnalysisSink.OnCompleted"/>.</exception>
    /// <exception cref="VideoSourceException">The source failed part-way.</exception>
    public async Task<AnalysisSummary> RunAsync(
        IFrameSource source,
        IReadOnlyList<IAnalysisSink> sinks,
        IProgress<AnalysisProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sinks);

        var timings = new StageTimings();
        var clock = Stopwatch.StartNew();
        var run = new RunState(_options, source.Info, progress, clock);
        // Frames queued + the one the decoder fills + those being detected.
        int poolSize = _options.QueueCapacity + 1 + Concurrency;
        var pool = new Mat[poolSize];
        var free = Channel.CreateBounded<Mat>(new BoundedChannelOptions(poolSize) { SingleReader = true, SingleWriter = true });
        var decoded = Channel.CreateBounded<DecodedFrame>(
            new BoundedChannelOptions(_options.QueueCapacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        for (int i = 0; i < poolSize; i++)
        {
            pool[i] = new Mat();
            free.Writer.TryWrite(pool[i]);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task decoder = Task.Run(() => DecodeAsync(source, free.Reader, decoded.Writer, run, timings, stop.Token), CancellationToken.None);
        var inFlight = new Queue<PendingFrame>(Concurrency);
        using var workers = Concurrency > 1 ? new DetectionThreads<DetectOutcome>(Concurrency, "detector") : null;
        try
        {
            var frame = new FrameAnalysis();
            CrowdCounter? counter = null;
            long sequence = 0;
            Task<bool>? nextFrame = null;
            while (true)
            {
                // Count the frames whose detection is done, oldest first (frames leave in decode order), and the oldest
                // anyway when all workers are busy.
                while (inFlight.Count > 0 && (inFlight.Count >= Concurrency || inFlight.Peek().Detection.IsCompleted))
                {
                    await CountOldestAsync(inFlight, counter!, frame, sinks, timings, run, free.Writer).ConfigureAwait(false);
                }

                if (!decoded.Reader.TryRead(out DecodedFrame item))
                {
                    // Nothing decoded yet: wait for the next frame or for the oldest detection, whichever comes first, so
                    // a live frame is counted as soon as it is detected, not when the one after it arrives.
                    nextFrame ??= decoded.Reader.WaitToReadAsync(stop.Token).AsTask();
                    if (inFlight.Count > 0)
                    {
                        await Task.WhenAny(nextFrame, inFlight.Peek().Detection).ConfigureAwait(false);
                        if (!nextFrame.IsCompleted)
                        {
                            continue;
                        }
                    }

                    bool more = await nextFrame.ConfigureAwait(false);
                    nextFrame = null;
                    if (!more)
                    {
                        break;
                    }

                    continue;
                }

                counter ??= Start(item.Image, source.Info, sinks);
                List<Detection> detections = _detections[sequence++ % Concurrency];

                // One at a time: detect on this thread, no hand-off.
                Task<DetectOutcome> detection = Concurrency == 1
                    ? Task.FromResult(Detect(item.Image, detections))
                    : workers!.Run(() => Detect(item.Image, detections));
                inFlight.Enqueue(new PendingFrame(item, detections, detection));
            }

            while (inFlight.Count > 0)
            {
                await CountOldestAsync(inFlight, counter!, frame, sinks, timings, run, free.Writer).ConfigureAwait(false);
            }

            await decoder.ConfigureAwait(false);
            if (counter is not null)
            {
                counter.Flush(frame.Result);
                Deliver(frame.Result, sinks);
            }

            run.ReportProgress(run.FramesDecoded, force: true);
            var summary = new AnalysisSummary(
                run.FramesDecoded, run.FramesAnalysed, run.VideoSeconds, clock.Elapsed, timings.Summarise(), counter?.Heatmap);
            foreach (IAnalysisSink sink in sinks)
            {
                sink.OnCompleted(summary);
            }

            return summary;
        }
        finally
        {
            stop.Cancel();
            try
            {
                await decoder.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Already surfaced through the channel, or a consequence of the cancellation just above.
            }

            // Frames still being detected hold pooled Mats: let them finish before the Mats go.
            foreach (PendingFrame pending in inFlight)
            {
                try
                {
                    await pending.Detection.ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // The run already failed or was cancelled; this frame's result is not wanted.
                }
            }

            foreach (Mat mat in pool)
            {
                mat.Dispose();
            }
        }
    }

    private CrowdCounter Start(Mat firstImage, FrameSourceInfo info, IReadOnlyList<IAnalysisSink> sinks)
    {
        var size = new FrameSize(firstImage.Width, firstImage.Height);
        var counter = new CrowdCounter(_zones, size, _options.Counter.ForConfidentScore(_detector.ConfidentScore));
        var start = new AnalysisStart(info, size, _zones, _detector.Name);
        foreach (IAnalysisSink sink in sinks)
        {
            sink.OnStarted(start);
        }

        return counter;
    }

    /// <summary>Detects people in one frame (on whichever thread runs it) and times it.</summary>
    private DetectOutcome Detect(Mat image, List<Detection> detections)
    {
        long t0 = Stopwatch.GetTimestamp();
        _detector.Detect(image, detections);
        long t1 = Stopwatch.GetTimestamp();

        // Read on the thread that detected: a pool keeps each thread's last stage times.
        return new DetectOutcome(t0, t1, _detector is IStageTimedDetector timed ? timed.LastStageTimes : null);
    }

    /// <summary>Waits for the oldest frame in flight, then counts it and feeds the sinks: frames leave in decode order.</summary>
    private async Task CountOldestAsync(
        Queue<PendingFrame> inFlight, CrowdCounter counter, FrameAnalysis frame, IReadOnlyList<IAnalysisSink> sinks, StageTimings timings, RunState run, ChannelWriter<Mat> free)
    {
        PendingFrame pending = inFlight.Dequeue();
        try
        {
            DetectOutcome outcome = await pending.Detection.ConfigureAwait(false);
            AnalyseFrame(pending.Item, pending.Detections, outcome, counter, frame, sinks, timings);
            run.FramesAnalysed++;
        }
        finally
        {
            free.TryWrite(pending.Item.Image);
        }

        run.ReportProgress(pending.Item.Stamp.Index + 1, force: false);
    }

    private void AnalyseFrame(
        DecodedFrame item, List<Detection> detections, DetectOutcome outcome, CrowdCounter counter, FrameAnalysis frame, IReadOnlyList<IAnalysisSink> sinks, StageTimings timings)
    {
        timings.Record(PipelineStage.Detect, outcome.Start, outcome.End);
        if (outcome.Stages is DetectorStageTimes stages)
        {
            timings.Record(PipelineStage.Preprocess, stages.PreprocessMs);
            timings.Record(PipelineStage.Inference, stages.InferenceMs);
            timings.Record(PipelineStage.Postprocess, stages.PostprocessMs);
        }

        long t1 = Stopwatch.GetTimestamp();
        counter.ProcessFrame(detections, item.Stamp.TimeSeconds, frame.Result);
        long t2 = Stopwatch.GetTimestamp();
        timings.Record(PipelineStage.Tracking, t1, t2);

        frame.Index = item.Stamp.Index;
        frame.TimeSeconds = item.Stamp.TimeSeconds;
        frame.Image = item.Image;
        foreach (IAnalysisSink sink in sinks)
        {
            sink.OnFrame(frame);
        }

        Deliver(frame.Result, sinks);
        timings.Record(PipelineStage.Sinks, t2, Stopwatch.GetTimestamp());
    }

    private static void Deliver(CrowdFrameResult result, IReadOnlyList<IAnalysisSink> sinks)
    {
        if (result.CompletedSamples.Count > 0)
        {
            foreach (IAnalysisSink sink in sinks)
            {
                sink.OnSamples(result.CompletedSamples);
            }
        }

        if (result.AlertEvents.Count > 0)
        {
            foreach (IAnalysisSink sink in sinks)
            {
                sink.OnAlerts(result.AlertEvents);
            }
        }
    }

    /// <summary>The decode thread: reads frames into pooled Mats and queues every stride-th one for detection.</summary>
    private async Task DecodeAsync(
        IFrameSource source, ChannelReader<Mat> free, ChannelWriter<DecodedFrame> decoded, RunState run, StageTimings timings, CancellationToken stop)
    {
        Exception? failure = null;
        try
        {
            Mat? image = null;
            var pacer = _options.MaxFramesPerSecond is double fps ? new FramePacer(fps) : null;
            while (_options.MaxFrames is not long max || run.FramesDecoded < max)
            {
                image ??= await free.ReadAsync(stop).ConfigureAwait(false);
                if (pacer is not null)
                {
                    // Capped: read the frame that is newest when its time comes (a live source drops the rest).
                    await pacer.WaitForNextAsync(stop).ConfigureAwait(false);
                }

                long t0 = Stopwatch.GetTimestamp();
                if (!source.TryRead(image, out FrameStamp stamp, stop))
                {
                    break;
                }

                timings.Record(PipelineStage.Decode, t0, Stopwatch.GetTimestamp());
                run.OnDecoded(stamp);
                if (stamp.Index % _options.FrameStride != 0)
                {
                    continue; // keep the Mat for the next frame
                }

                await decoded.WriteAsync(new DecodedFrame(image, stamp), stop).ConfigureAwait(false);
                image = null;
            }
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            decoded.TryComplete(failure);
        }
    }

    private readonly record struct DecodedFrame(Mat Image, FrameStamp Stamp);

    /// <summary>When one frame's detection started and ended (timestamps), and its stage times when the detector tells them.</summary>
    private readonly record struct DetectOutcome(long Start, long End, DetectorStageTimes? Stages);

    /// <summary>A frame being detected, in decode order, with the list its detections go into.</summary>
    private readonly record struct PendingFrame(DecodedFrame Item, List<Detection> Detections, Task<DetectOutcome> Detection);

    /// <summary>Counters shared by the two threads of one run, and the throttled progress reports.</summary>
    private sealed class RunState(AnalysisOptions options, FrameSourceInfo info, IProgress<AnalysisProgress>? progress, Stopwatch clock)
    {
        private long _framesDecoded;
        private double _lastTime;
        private TimeSpan? _lastReport;

        public long FramesDecoded => Interlocked.Read(ref _framesDecoded);

        public long FramesAnalysed { get; set; }

        /// <summary>Seconds of video read: frames / fps when the rate is known, else the last frame's time.</summary>
        public double VideoSeconds => info.Fps is double fps && fps > 0 && !info.IsLive ? FramesDecoded / fps : Volatile.Read(ref _lastTime);

        private long? TotalFrames => (info.FrameCount, options.MaxFrames) switch
        {
            (long count, long max) => Math.Min(count, max),
            (long count, null) => count,
            (null, long max) when !info.IsLive => max,
            _ => null,
        };

        public void OnDecoded(FrameStamp stamp)
        {
            Interlocked.Increment(ref _framesDecoded);
            Volatile.Write(ref _lastTime, stamp.TimeSeconds);
        }

        public void ReportProgress(long framesDone, bool force)
        {
            if (progress is null)
            {
                return;
            }

            TimeSpan now = clock.Elapsed;
            if (!force && _lastReport is TimeSpan last && now - last < options.ProgressInterval)
            {
                return;
            }

            _lastReport = now;
            double fps = now.TotalSeconds > 0 ? framesDone / now.TotalSeconds : 0;
            progress.Report(new AnalysisProgress(framesDone, TotalFrames, fps, now));
        }
    }
}
