namespace CrowdPortal.Vision.Pipeline;

/// <summary>
/// Per-stage durations of the most recent frames (a ring of <see cref="Capacity"/> per stage, so a live source that
/// never ends uses bounded memory). Recording allocates nothing. Thread-safe: the decode thread records too.
/// </summary>
internal sealed class StageTimings
{
    public const int Capacity = 4096;

    private static readonly int StageCount = Enum.GetValues<PipelineStage>().Length;
    private readonly double[][] _samples;
    private readonly long[] _counts;
    private readonly object _gate = new();

    public StageTimings()
    {
        _samples = new double[StageCount][];
        for (int i = 0; i < StageCount; i++)
        {
            _samples[i] = new double[Capacity];
        }

        _counts = new long[StageCount];
    }

    public void Record(PipelineStage stage, double milliseconds)
    {
        lock (_gate)
        {
            int s = (int)stage;
            _samples[s][_counts[s] % Capacity] = milliseconds;
            _counts[s]++;
        }
    }

    public void Record(PipelineStage stage, long startTimestamp, long endTimestamp) =>
        Record(stage, (endTimestamp - startTimestamp) * 1000.0 / System.Diagnostics.Stopwatch.Frequency);

    /// <summary>Median of the recorded durations of a stage; null when none was recorded.</summary>
    public double? Median(PipelineStage stage)
    {
        double[] copy;
        lock (_gate)
        {
            int s = (int)stage;
            int n = (int)Math.Min(_counts[s], Capacity);
            if (n == 0)
            {
                return null;
            }

            copy = _samples[s][..n];
        }

        Array.Sort(copy);
        int mid = copy.Length / 2;
        return copy.Length % 2 == 1 ? copy[mid] : (copy[mid - 1] + copy[mid]) / 2;
    }

    public StageTimingSummary Summarise() => new(
        Median(PipelineStage.Decode),
        Median(PipelineStage.Preprocess),
        Median(PipelineStage.Inference),
        Median(PipelineStage.Postprocess),
        Median(PipelineStage.Detect),
        Median(PipelineStage.Tracking),
        Median(PipelineStage.Sinks));
}
