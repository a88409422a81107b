using CrowdPortal.Core;

namespace CrowdPortal.Vision.Tests.Detectors;

/// <summary>Compares detections box by box within a pixel tolerance.</summary>
internal static class DetectionAssert
{
    public static void Equal(IReadOnlyList<Detection> expected, IReadOnlyList<Detection> actual, float tolerance, string label)
    {
        string message = $"{label}: expected [{string.Join("; ", expected)}], got [{string.Join("; ", actual)}]";
        Assert.True(expected.Count == actual.Count, message);
        for (int i = 0; i < expected.Count; i++)
        {
            Detection e = expected[i], a = actual[i];
            bool close = Math.Abs(e.X1 - a.X1) <= tolerance && Math.Abs(e.Y1 - a.Y1) <= tolerance
                && Math.Abs(e.X2 - a.X2) <= tolerance && Math.Abs(e.Y2 - a.Y2) <= tolerance
                && Math.Abs(e.Confidence - a.Confidence) <= 1e-4f && e.ClassId == a.ClassId;
            Assert.True(close, message);
        }
    }
}
