using CrowdPortal.Core;
using OpenCvSharp;

namespace CrowdPortal.Vision.Privacy;

/// <summary>
/// The scene without its people: the per-pixel median of frames sampled over time. Someone who walks through is in few
/// of the samples and drops out of the median; the floor, walls and fixtures are in all of them. Where the analysis saw
/// people in a sample (their boxes, enlarged as <see cref="PersonPixelator"/> enlarges them), that sample's pixels are
/// left out of the median, so someone who lingers for a few samples drops out too, and a plate made from a few samples
/// (a camera's first minute) is already clean. A pixel covered by people in every sample takes the median of all.
/// </summary>
public sealed class CleanPlate : IDisposable
{
    private readonly List<Mat> _samples = [];
    private readonly List<byte[]?> _masks = [];

    /// <summary>Frames sampled so far.</summary>
    public int Count => _samples.Count;

    /// <summary>
    /// Adds a copy of a BGR frame, with the people the analysis found in it (frame pixel coordinates) to leave out;
    /// frames of another size than the first are ignored.
    /// </summary>
    public void Add(Mat bgrFrame, IReadOnlyCollection<Detection>? people = null)
    {
        if (_samples.Count > 0 && bgrFrame.Size() != _samples[0].Size())
        {
            return;
        }

        _samples.Add(bgrFrame.Clone());
        _masks.Add(people is { Count: > 0 } ? Mask(bgrFrame.Width, bgrFrame.Height, people) : null);
    }

    /// <summary>Drops the oldest samples until at most <paramref name="count"/> remain (a camera's rolling window).</summary>
    public void KeepNewest(int count)
    {
        while (_samples.Count > count)
        {
            _samples[0].Dispose();
            _samples.RemoveAt(0);
            _masks.RemoveAt(0);
        }
    }

    /// <summary>
    /// The per-pixel, per-channel median of the samples where no person covers the pixel (of all samples where people
    /// cover it in every one); null before the first sample.
    /// </summary>
    public Mat? Build()
    {
        if (_samples.Count == 0)
        {
            return null;
        }

        var first = _samples[0];
        int channels = first.Channels();
        int length = checked((int)(first.Total() * channels));
        var planes = _samples.Select(ToBytes).ToArray();
        var masks = _masks.ToArray();
        var result = new byte[length];
        int n = planes.Length;
        Parallel.For(0, Environment.ProcessorCount, part =>
        {
            var values = new byte[n];
            int start = (int)((long)length * part / Environment.ProcessorCount);
            int end = (int)((long)length * (part + 1) / Environment.ProcessorCount);
            for (int i = start; i < end; i++)
            {
                int pixel = i / channels;
                int count = 0;
                for (int k = 0; k < n; k++)
                {
                    if (masks[k] is not { } mask || mask[pixel] == 0)
                    {
                        values[count++] = planes[k][i];
                    }
                }

                if (count == 0)
                {
                    for (int k = 0; k < n; k++)
                    {
                        values[k] = planes[k][i];
                    }

                    count = n;
                }

                result[i] = Median(values, count);
            }
        });

        var plate = new Mat(first.Rows, first.Cols, first.Type());
        System.Runtime.InteropServices.Marshal.Copy(result, 0, plate.Data, length);
        return plate;
    }

    /// <summary>
    /// Samples <paramref name="samples"/> frames spread evenly over a video file and returns their median, or null when
    /// the file cannot be read.
    /// </summary>
    public static Mat? FromVideo(string path, int samples = 25)
    {
        using var capture = new VideoCapture(path, VideoCaptureAPIs.FFMPEG);
        if (!capture.IsOpened())
        {
            return null;
        }

        long frames = Math.Max(1, capture.FrameCount);
        long step = Math.Max(1, frames / samples);
        using var plate = new CleanPlate();
        using var frame = new Mat();
        // Read forward (grab skips the colour conversion of frames not kept): seeking is unreliable in many containers.
        for (long i = 0; i < frames && plate.Count < samples; i++)
        {
            if (i % step != 0)
            {
                if (!capture.Grab())
                {
                    break;
                }

                continue;
            }

            if (!capture.Read(frame) || frame.Empty())
            {
                break;
            }

            plate.Add(frame);
        }

        return plate.Build();
    }

    public void Dispose()
    {
        foreach (var sample in _samples)
        {
            sample.Dispose();
        }

        _samples.Clear();
        _masks.Clear();
    }

    private static byte[] ToBytes(Mat mat)
    {
        using var continuous = mat.IsContinuous() ? null : mat.Clone();
        var source = continuous ?? mat;
        var bytes = new byte[source.Total() * source.Channels()];
        System.Runtime.InteropServices.Marshal.Copy(source.Data, bytes, 0, bytes.Length);
        return bytes;
    }

    /// <summary>One byte per pixel, non-zero inside the (enlarged) boxes of <paramref name="people"/>.</summary>
    private static byte[] Mask(int width, int height, IEnumerable<Detection> people)
    {
        var mask = new byte[width * height];
        foreach (var person in people)
        {
            Rect area = PersonPixelator.Enlarged(person, width, height);
            for (int y = area.Top; y < area.Bottom; y++)
            {
                Array.Fill(mask, (byte)1, y * width + area.Left, area.Width);
            }
        }

        return mask;
    }

    /// <summary>
    /// The median of the first <paramref name="count"/> values. An insertion sort: for the few dozen samples of a plate
    /// it is several times faster than <see cref="Array.Sort(Array)"/>, which matters at a million values per plate.
    /// </summary>
    private static byte Median(byte[] values, int count)
    {
        for (int i = 1; i < count; i++)
        {
            byte value = values[i];
            int j = i - 1;
            while (j >= 0 && values[j] > value)
            {
                values[j + 1] = values[j];
                j--;
            }

            values[j + 1] = value;
        }

        return values[count / 2];
    }
}
