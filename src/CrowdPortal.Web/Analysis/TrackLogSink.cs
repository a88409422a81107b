using System.Globalization;
using CrowdPortal.Core.Geometry;
using CrowdPortal.Vision.Pipeline;

namespace CrowdPortal.Web.Analysis;

/// <summary>
/// Writes every tracked person of every analysed frame to a text file beside the video, so a finished analysis can be
/// replayed with its boxes: one line per person, <c>frame,t,id,x1,y1,x2,y2,confidence</c>, coordinates normalised.
/// </summary>
internal sealed class TrackLogSink(string path) : AnalysisSink, IDisposable
{
    private readonly StreamWriter _writer = new(path, append: false);
    private FrameSize _frame;

    public override void OnStarted(AnalysisStart start) => _frame = start.Frame;

    public override void OnFrame(FrameAnalysis frame)
    {
        var inv = CultureInfo.InvariantCulture;
        foreach (var track in frame.Result.Tracks)
        {
            var d = track.Detection;
            _writer.Write(frame.Index.ToString(inv));
            _writer.Write(',');
            _writer.Write(frame.TimeSeconds.ToString("0.###", inv));
            _writer.Write(',');
            _writer.Write(track.TrackId.ToString(inv));
            _writer.Write(',');
            _writer.Write((d.X1 / _frame.Width).ToString("0.####", inv));
            _writer.Write(',');
            _writer.Write((d.Y1 / _frame.Height).ToString("0.####", inv));
            _writer.Write(',');
            _writer.Write((d.X2 / _frame.Width).ToString("0.####", inv));
            _writer.Write(',');
            _writer.Write((d.Y2 / _frame.Height).ToString("0.####", inv));
            _writer.Write(',');
            _writer.WriteLine(d.Confidence.ToString("0.###", inv));
        }
    }

    public override void OnCompleted(AnalysisSummary summary) => _writer.Flush();

    public void Dispose() => _writer.Dispose();
}
