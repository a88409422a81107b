namespace CrowdPortal.Vision.Imaging;

/// <summary>
/// Everything needed to turn a BGR frame into a model's input tensor. <see cref="Mean"/> and <see cref="Std"/> are per model
/// channel (in <see cref="ChannelOrder"/>), applied as <c>(pixel − mean) / std</c> to 0–255 pixel values.
/// </summary>
internal sealed record InputSpec(
    int Width,
    int Height,
    TensorLayout Layout,
    ChannelOrder ChannelOrder,
    ResizeMode ResizeMode,
    float[] Mean,
    float[] Std,
    byte PadValue = 114)
{
    /// <summary>Number of floats in the input tensor.</summary>
    public int TensorLength => 3 * Width * Height;

    /// <summary>The tensor shape, batch of one.</summary>
    public long[] Shape => Layout == TensorLayout.Nchw ? [1, 3, Height, Width] : [1, Height, Width, 3];

    /// <summary>RGB or BGR scaled to 0–1 (<c>pixel / 255</c>), as Ultralytics YOLO expects.</summary>
    public static float[] UnitScale => [255f, 255f, 255f];

    /// <summary>Zero mean: pixel values are used as they are (or only scaled).</summary>
    public static float[] ZeroMean => [0f, 0f, 0f];

    /// <summary>Raw 0–255 values.</summary>
    public static float[] Identity => [1f, 1f, 1f];
}
