using System.Globalization;
using CrowdPortal.Core.Tracking;
using CrowdPortal.Vision.Pipeline;

namespace CrowdPortal.Cli.Sinks;

/// <summary>
/// <c>--tracks</c>: confirmed tracks in the MOTChallenge text format, one line per person per frame:
/// <c>frame,id,x,y,w,h,conf,-1,-1,-1</c> with a 1-based frame number and the box's top-left corner and size in pixels.
/// </summary>
internal sealed class MotTracksSink : AnalysisSink, IDisposable
{
    private readonly StreamWriter _writer;

    public MotTracksSink(string path)
    {
        try
        {
            _writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write {path}: {ex.Message}", ex);
        }
    }

    public override void OnFrame(FrameAnalysis frame)
    {
        long motFrame = frame.Index + 1;
        foreach (TrackedPerson person in frame.Result.Tracks)
        {
            var d = person.Detection;
            _writer.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{motFrame},{person.TrackId},{d.X1:0.##},{d.Y1:0.##},{d.Width:0.##},{d.Height:0.##},{d.Confidence:0.####},-1,-1,-1"));
        }
    }

    public override void OnCompleted(AnalysisSummary summary) => _writer.Flush();

    public void Dispose() => _writer.Dispose();
}
