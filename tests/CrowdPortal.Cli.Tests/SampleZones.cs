namespace CrowdPortal.Cli.Tests;

/// <summary>Zones files the tests analyse with.</summary>
internal static class SampleZones
{
    /// <summary>Two polygons (left and right halves, the right with an area) and a vertical line down the middle.</summary>
    public const string HalvesAndLine = """
        [
          {"zoneId": "left", "label": "Left half", "points": [[0,0],[0.5,0],[0.5,1],[0,1]]},
          {"zoneId": "right", "label": "Right half", "points": [[0.5,0],[1,0],[1,1],[0.5,1]], "areaM2": 120},
          {"zoneId": "mid", "label": "Middle", "kind": "line", "points": [[0.5,0],[0.5,1]]}
        ]
        """;

    public const string TwoPointPolygon = """
        [ {"zoneId": "gate", "label": "Gate", "points": [[0.1,0.1],[0.9,0.9]]} ]
        """;
}
