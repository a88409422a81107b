using CrowdPortal.Vision.Imaging;
using CrowdPortal.Vision.Sources;
using OpenCvSharp;

namespace CrowdPortal.Vision.Importing.Quantization;

/// <summary>Model inputs for calibration: frames spread evenly over a video, preprocessed exactly as the detector will.</summary>
internal static class CalibrationFrames
{
    /// <summary>
    /// Decodes <paramref name="videoPath"/> and yields <paramref name="count"/> inputs from frames spread evenly over it.
    /// Odd frame indices only: eval/'s hand counts are of every 10th frame, so no calibration frame is a counted one.
    /// </summary>
    public static List<float[]> Read(string videoPath, Func<int, int, InputSpec> specFor, int count, out long[] shape)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        using var source = new VideoFileSource(videoPath);
        long total = source.Info.FrameCount is long n && n > 0 ? n : count * 10L;
        long step = Math.Max(1, total / count);
        var wanted = new HashSet<long>();
        for (long k = 0; k < count; k++)
        {
            wanted.Add((k * step + step / 2) | 1);
        }

        var inputs = new List<float[]>(count);
        shape = [];
        using var frame = new Mat();
        FramePreprocessor? preprocessor = null;
        InputSpec? spec = null;
        try
        {
            while (inputs.Count < count && source.TryRead(frame, out FrameStamp stamp))
            {
                if (!wanted.Contains(stamp.Index) || frame.Empty())
                {
                    continue;
                }

                if (spec is null)
                {
                    spec = specFor(frame.Width, frame.Height);
                    preprocessor = new FramePreprocessor(spec);
                    shape = spec.Shape;
                }

                var tensor = new float[spec.TensorLength];
                preprocessor!.Write(frame, tensor);
                inputs.Add(tensor);
            }
        }
        finally
        {
            preprocessor?.Dispose();
        }

        if (inputs.Count == 0)
        {
            throw new InvalidDataException($"{Path.GetFileName(videoPath)}: no frame could be decoded for calibration.");
        }

        return inputs;
    }
}
