namespace CrowdPortal.Vision.Imaging;

/// <summary>
/// How a frame was mapped into model input pixels: <c>input = frame × scale + pad</c>. Kept per frame so boxes found in
/// input pixels can be mapped back to the frame.
/// </summary>
internal readonly record struct FrameTransform(float ScaleX, float ScaleY, float PadX, float PadY, int FrameWidth, int FrameHeight)
{
    /// <summary>Maps an x coordinate in model input pixels back to frame pixels, clipped to the frame.</summary>
    public float ToFrameX(float inputX) => Math.Clamp((inputX - PadX) / ScaleX, 0f, FrameWidth);

    /// <summary>Maps a y coordinate in model input pixels back to frame pixels, clipped to the frame.</summary>
    public float ToFrameY(float inputY) => Math.Clamp((inputY - PadY) / ScaleY, 0f, FrameHeight);

    /// <summary>The transform that fits a frame into an input of the given size.</summary>
    public static FrameTransform Fit(int frameWidth, int frameHeight, int inputWidth, int inputHeight, ResizeMode mode)
    {
        if (mode == ResizeMode.Stretch)
        {
            return new FrameTransform((float)inputWidth / frameWidth, (float)inputHeight / frameHeight, 0f, 0f, frameWidth, frameHeight);
        }

        float scale = Math.Min((float)inputWidth / frameWidth, (float)inputHeight / frameHeight);
        int resizedWidth = Math.Min(inputWidth, (int)MathF.Round(frameWidth * scale));
        int resizedHeight = Math.Min(inputHeight, (int)MathF.Round(frameHeight * scale));

        // Ultralytics centres the image and rounds the left/top pad down; the same here so boxes line up with its exports.
        float padX = (inputWidth - resizedWidth) / 2;
        float padY = (inputHeight - resizedHeight) / 2;
        // The scale actually applied per axis after rounding, so mapping back is exact.
        return new FrameTransform((float)resizedWidth / frameWidth, (float)resizedHeight / frameHeight, padX, padY, frameWidth, frameHeight);
    }
}
