namespace CrowdPortal.Core.Counting;

/// <summary>
/// Dwell time of the people currently in a zone: how many, and the mean and longest time (seconds of video) since
/// each entered. All zero when the zone is empty.
/// </summary>
public readonly record struct DwellStats(int People, double MeanSeconds, double MaxSeconds)
{
    public static DwellStats None => default;
}
