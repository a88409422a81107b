using CrowdPortal.Core.Geometry;

namespace CrowdPortal.Core;

/// <summary>
/// One detected object: a box in frame pixel coordinates (x1,y1 = top-left, x2,y2 = bottom-right,
/// of the original frame, not of the model input), a confidence in [0,1] and a 0-based COCO class id.
/// </summary>
public readonly record struct Detection(float X1, float Y1, float X2, float Y2, float Confidence, int ClassId)
{
    /// <summary>COCO class id of a person.</summary>
    public const int PersonClass = 0;

    public float Width => X2 - X1;

    public float Height => Y2 - Y1;

    public float Area => Math.Max(0f, Width) * Math.Max(0f, Height);

    /// <summary>Intersection over union of two boxes; 0 when either is empty.</summary>
    public float IoU(in Detection other)
    {
        float ix = Math.Min(X2, other.X2) - Math.Max(X1, other.X1);
        float iy = Math.Min(Y2, other.Y2) - Math.Max(Y1, other.Y1);
        if (ix <= 0 || iy <= 0)
        {
            return 0f;
        }

        float intersection = ix * iy;
        float union = Area + other.Area - intersection;
        return union <= 0 ? 0f : intersection / union;
    }

    /// <summary>The point that stands for this box's position (default: bottom-centre, the feet), in frame pixels.</summary>
    public Point2 Anchor(AnchorPoint anchor = AnchorPoint.BottomCenter)
    {
        float cx = (X1 + X2) * 0.5f;
        return anchor switch
        {
            AnchorPoint.Center => new Point2(cx, (Y1 + Y2) * 0.5f),
            AnchorPoint.TopCenter => new Point2(cx, Y1),
            _ => new Point2(cx, Y2),
        };
    }
}
