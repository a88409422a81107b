using CrowdPortal.Core.Analysis;

namespace CrowdPortal.Web.ViewModels;

/// <summary>
/// The area of the picture a user marked as far from the camera, in fractions of the frame (0..1): <c>x</c>, <c>y</c>
/// its top-left corner, <c>width</c>, <c>height</c> its size. Each frame is also detected in this area alone, enlarged
/// to the detector's input, so people small in the picture there are found (at the cost of one more inference a frame).
/// </summary>
public sealed record FarAreaDto(double X, double Y, double Width, double Height)
{
    public static FarAreaDto? From(FarArea? area) => area is FarArea a ? new FarAreaDto(a.X, a.Y, a.Width, a.Height) : null;
}
