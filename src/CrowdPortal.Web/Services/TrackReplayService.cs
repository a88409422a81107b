using System.Globalization;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Analysis;

namespace CrowdPortal.Web.Services;

/// <summary>The people tracked in one frame of a finished analysis, read back from its track log (for replay).</summary>
public sealed class TrackReplayService(UploadStorage storage, Microsoft.Extensions.Options.IOptions<AnalysisSettings> settings)
{
    public sealed record Person(int Id, double X1, double Y1, double X2, double Y2, double Confidence);

    public sealed record Frame(double T, long FrameIndex, IReadOnlyList<Person> People);

    /// <summary>The analysed frame nearest to <paramref name="seconds"/>; null when the video has no track log yet.</summary>
    public async Task<Frame?> AtAsync(Video video, double seconds, CancellationToken ct)
    {
        string path = storage.ToAbsolute(DerivedFiles.Tracks(video.StoredPath));
        if (!File.Exists(path))
        {
            return null;
        }

        long target = (long)Math.Round(seconds * (video.Fps > 0 ? video.Fps : 25));
        var people = new List<Person>();
        long best = -1;
        double bestT = 0;
        await foreach (string line in File.ReadLinesAsync(path, ct))
        {
            string[] f = line.Split(',');
            if (f.Length < 8 || !long.TryParse(f[0], CultureInfo.InvariantCulture, out long frame))
            {
                continue;
            }

            // Frames are in order: keep the closest frame at or before the target (a frame with nobody has no lines).
            if (frame > target)
            {
                break;
            }

            if (frame != best)
            {
                best = frame;
                bestT = double.Parse(f[1], CultureInfo.InvariantCulture);
                people.Clear();
            }

            people.Add(new Person(int.Parse(f[2], CultureInfo.InvariantCulture), Parse(f[3]), Parse(f[4]), Parse(f[5]), Parse(f[6]), Parse(f[7])));
        }

        // A frame with nobody in it leaves no lines, so earlier lines belong to another moment unless the frames between
        // were skipped by the frame stride.
        return best >= 0 && target - best < Math.Max(1, settings.Value.FrameStride) ? new Frame(bestT, best, people) : new Frame(Math.Round(target / (video.Fps > 0 ? video.Fps : 25), 3), target, []);
    }

    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
