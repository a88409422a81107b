namespace CrowdPortal.Vision.Imaging;

/// <summary>Memory layout of a model's image input tensor (batch of one).</summary>
internal enum TensorLayout
{
    /// <summary>[1, 3, H, W]: one plane per channel.</summary>
    Nchw,

    /// <summary>[1, H, W, 3]: channels interleaved per pixel.</summary>
    Nhwc,
}
