namespace CrowdPortal.Vision.Imaging;

/// <summary>Order of the colour channels a model expects.</summary>
internal enum ChannelOrder
{
    /// <summary>Blue, green, red: OpenCV's native order.</summary>
    Bgr,

    /// <summary>Red, green, blue.</summary>
    Rgb,
}
