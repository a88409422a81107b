using CrowdPortal.Vision.Pipeline;

namespace CrowdPortal.Cli.Tests;

public sealed class ConsoleProgressTests
{
    [Fact]
    public void Report_RewritesOneLineAndClearRemovesIt()
    {
        using var error = new StringWriter();
        var progress = new ConsoleProgress(error, "analyze");

        progress.Report(new AnalysisProgress(100, 400, 50, TimeSpan.FromSeconds(2)));
        progress.Report(new AnalysisProgress(200, 400, 50, TimeSpan.FromSeconds(4)));
        progress.Clear();

        string text = error.ToString();
        Assert.DoesNotContain('\n', text);
        Assert.Contains("\ranalyze: 25% (50.0 frames/s, 0:06 left)", text, StringComparison.Ordinal);
        Assert.Contains("\ranalyze: 50% (50.0 frames/s, 0:04 left)", text, StringComparison.Ordinal);
        Assert.EndsWith("\r", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_UnknownTotal_ShowsFramesSoFar()
    {
        using var error = new StringWriter();

        new ConsoleProgress(error, "analyze").Report(new AnalysisProgress(42, null, 10, TimeSpan.FromSeconds(4.2)));

        Assert.Equal("\ranalyze: 42 frames (10.0 frames/s)", error.ToString());
    }
}
