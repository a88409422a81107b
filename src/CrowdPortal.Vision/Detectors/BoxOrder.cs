namespace CrowdPortal.Vision.Detectors;

/// <summary>Coordinate order of a box row in a model's output.</summary>
internal enum BoxOrder
{
    /// <summary>x1, y1, x2, y2.</summary>
    Xyxy,

    /// <summary>y1, x1, y2, x2 (TensorFlow Object Detection API).</summary>
    Yxyx,
}
