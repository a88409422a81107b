using CrowdPortal.Core.Evaluation;

namespace CrowdPortal.Core.Tests.Evaluation;

public class MotTextParserTests
{
    [Fact]
    public void Parse_TruthRows_ReadsBoxesAndTheIgnoreFlag()
    {
        const string text = "1,3,10,20,30,40,1,-1,-1,-1\n\n2,4,5.5,6,7,8,0,-1,-1,-1\n3,5,1,1,2,2\n";

        List<MotRow> rows = MotTextParser.Parse(text, isTruth: true);

        Assert.Equal(3, rows.Count);
        Assert.Equal(new MotRow(1, 3, new Detection(10, 20, 40, 60, 1f, 0)), rows[0]);
        Assert.True(rows[1].Ignore);
        Assert.False(rows[2].Ignore); // no flag column: a person to find
    }

    [Fact]
    public void Parse_TrackerOutput_TreatsTheSeventhColumnAsAConfidence()
    {
        List<MotRow> rows = MotTextParser.Parse("1,1,0,0,10,10,0,-1,-1,-1\n", isTruth: false);

        Assert.False(Assert.Single(rows).Ignore);
    }

    [Theory]
    [InlineData("too few fields", "1,2,3,4,5\n", "line 1: expected at least 6")]
    [InlineData("frame 0 (0-based by mistake)", "0,1,0,0,10,10,1\n", "1-based")]
    [InlineData("id not a number", "1,a,0,0,10,10,1\n", "id must be")]
    [InlineData("box not a number", "1,1,x,0,10,10,1\n", "must be numbers")]
    [InlineData("empty box on line 2", "1,1,0,0,10,10,1\n1,2,0,0,0,10,1\n", "line 2: the box width")]
    [InlineData("bad flag", "1,1,0,0,10,10,yes\n", "flag")]
    public void Parse_BadLine_ThrowsNamingTheLine(string label, string text, string expected)
    {
        FormatException ex = Assert.Throws<FormatException>(() => MotTextParser.Parse(text, isTruth: true));
        Assert.True(ex.Message.Contains(expected, StringComparison.Ordinal), $"{label}: {ex.Message}");
    }
}
