using OpenCvSharp;

namespace CrowdPortal.Vision.Imaging;

/// <summary>
/// Writes a BGR 8-bit frame into a model's float input tensor (resize, pad, channel order, normalisation, layout).
/// Owns one resize buffer reused across frames; not thread-safe.
/// </summary>
internal sealed class FramePreprocessor : IDisposable
{
    private readonly InputSpec _spec;
    private readonly Mat _resized = new();

    // Per model channel: which byte of a BGR pixel feeds it, and the affine map pixel -> value.
    private readonly int[] _sourceByte = new int[3];
    private readonly float[] _scale = new float[3];
    private readonly float[] _offset = new float[3];

    public FramePreprocessor(InputSpec spec)
    {
        if (spec.Mean.Length != 3 || spec.Std.Length != 3)
        {
            throw new ArgumentException("Mean and Std need exactly three values, one per channel.", nameof(spec));
        }

        _spec = spec;
        for (int c = 0; c < 3; c++)
        {
            _sourceByte[c] = spec.ChannelOrder == ChannelOrder.Bgr ? c : 2 - c;
            _scale[c] = 1f / spec.Std[c];
            _offset[c] = -spec.Mean[c] / spec.Std[c];
        }
    }

    /// <summary>Fills <paramref name="tensor"/> from <paramref name="bgrFrame"/> and returns how the frame was mapped.</summary>
    public FrameTransform Write(Mat bgrFrame, float[] tensor)
    {
        if (bgrFrame.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"Expected a BGR 8-bit frame (CV_8UC3), got {bgrFrame.Type()}.", nameof(bgrFrame));
        }

        if (tensor.Length < _spec.TensorLength)
        {
            throw new ArgumentException($"Tensor buffer holds {tensor.Length} floats, the input needs {_spec.TensorLength}.", nameof(tensor));
        }

        var transform = FrameTransform.Fit(bgrFrame.Width, bgrFrame.Height, _spec.Width, _spec.Height, _spec.ResizeMode);
        int resizedWidth = (int)MathF.Round(bgrFrame.Width * transform.ScaleX);
        int resizedHeight = (int)MathF.Round(bgrFrame.Height * transform.ScaleY);
        Cv2.Resize(bgrFrame, _resized, new Size(resizedWidth, resizedHeight), 0, 0, InterpolationFlags.Linear);

        if (resizedWidth != _spec.Width || resizedHeight != _spec.Height)
        {
            FillPadding(tensor);
        }

        WritePixels(tensor, (int)transform.PadX, (int)transform.PadY);
        return transform;
    }

    private void FillPadding(float[] tensor)
    {
        int planeSize = _spec.Width * _spec.Height;
        if (_spec.Layout == TensorLayout.Nchw)
        {
            for (int c = 0; c < 3; c++)
            {
                tensor.AsSpan(c * planeSize, planeSize).Fill(_spec.PadValue * _scale[c] + _offset[c]);
            }

            return;
        }

        for (int i = 0; i < planeSize; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                tensor[i * 3 + c] = _spec.PadValue * _scale[c] + _offset[c];
            }
        }
    }

    private unsafe void WritePixels(float[] tensor, int padX, int padY)
    {
        int width = _resized.Width;
        int height = _resized.Height;
        int inputWidth = _spec.Width;
        int planeSize = inputWidth * _spec.Height;
        long step = _resized.Step();
        byte* data = (byte*)_resized.DataPointer;
        int b0 = _sourceByte[0], b1 = _sourceByte[1], b2 = _sourceByte[2];
        float s0 = _scale[0], s1 = _scale[1], s2 = _scale[2];
        float o0 = _offset[0], o1 = _offset[1], o2 = _offset[2];
        bool planar = _spec.Layout == TensorLayout.Nchw;

        fixed (float* dst = tensor)
        {
            for (int y = 0; y < height; y++)
            {
                byte* row = data + y * step;
                int pixelIndex = (y + padY) * inputWidth + padX;
                for (int x = 0; x < width; x++, pixelIndex++)
                {
                    byte* px = row + x * 3;
                    if (planar)
                    {
                        dst[pixelIndex] = px[b0] * s0 + o0;
                        dst[planeSize + pixelIndex] = px[b1] * s1 + o1;
                        dst[2 * planeSize + pixelIndex] = px[b2] * s2 + o2;
                    }
                    else
                    {
                        float* p = dst + pixelIndex * 3;
                        p[0] = px[b0] * s0 + o0;
                        p[1] = px[b1] * s1 + o1;
                        p[2] = px[b2] * s2 + o2;
                    }
                }
            }
        }
    }

    public void Dispose() => _resized.Dispose();
}
