using CrowdPortal.Core;
using CrowdPortal.Vision.Imaging;

namespace CrowdPortal.Vision.Detectors;

/// <summary>
/// SSD-style detectors with post-processing inside the graph: boxes [1,N,4] normalised to 0–1 of the input (order declared
/// by the sidecar), scores [1,N] with classes [1,N], or per-class scores [1,N,C] without a classes output, and optionally
/// the number of valid rows ([1]). Input layout, channel order and normalisation come from the sidecar.
/// </summary>
internal sealed class SsdDetector : OnnxPersonDetector
{
    private readonly BoxOrder _boxOrder;
    private readonly int _boxes;
    private readonly int _scores;
    private readonly int _classes = -1;
    private readonly int _count = -1;
    private readonly int _rows;
    private readonly int _scoreColumns;

    public SsdDetector(string name, string modelPath, InputSpec input, DetectorThresholds thresholds, BoxOrder boxOrder, SsdOutputNames outputs, int intraOpThreads = 0)
        : base(name, modelPath, input, thresholds, (n, _) => n == outputs.Boxes || n == outputs.Scores || n == outputs.Classes || n == outputs.Count,
            $"outputs named {outputs.Boxes}, {outputs.Scores}" + (outputs.Classes is null ? "" : $", {outputs.Classes}") + (outputs.Count is null ? "" : $", {outputs.Count}"),
            intraOpThreads)
    {
        _boxOrder = boxOrder;
        try
        {
            _boxes = Find(modelPath, outputs.Boxes);
            _scores = Find(modelPath, outputs.Scores);
            _rows = Runner.OutputShape(_boxes)[1];
            int[] scoreShape = Runner.OutputShape(_scores);
            _scoreColumns = scoreShape.Length == 3 ? scoreShape[2] : 1;
            for (int i = 0; i < Runner.OutputCount; i++)
            {
                if (Runner.OutputName(i) == outputs.Classes)
                {
                    _classes = i;
                }
                else if (Runner.OutputName(i) == outputs.Count)
                {
                    _count = i;
                }
            }

            Validate(modelPath, outputs);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    protected override void Decode(List<Detection> candidates)
    {
        ReadOnlySpan<float> boxes = Runner.Output(_boxes);
        ReadOnlySpan<float> scores = Runner.Output(_scores);
        ReadOnlySpan<float> classes = _classes >= 0 ? Runner.Output(_classes) : default;
        int rows = _count >= 0 ? Math.Clamp((int)Runner.Output(_count)[0], 0, _rows) : _rows;
        int person = Thresholds.PersonClass;

        for (int i = 0; i < rows; i++)
        {
            float score;
            if (_classes >= 0)
            {
                score = scores[i];
                if ((int)MathF.Round(classes[i]) != person)
                {
                    continue;
                }
            }
            else
            {
                score = scores[i * _scoreColumns + person];
            }

            if (score < Thresholds.ScoreThreshold)
            {
                continue;
            }

            ReadOnlySpan<float> box = boxes.Slice(i * 4, 4);
            (float x1, float y1, float x2, float y2) = _boxOrder == BoxOrder.Yxyx ? (box[1], box[0], box[3], box[2]) : (box[0], box[1], box[2], box[3]);
            candidates.Add(new Detection(x1 * Input.Width, y1 * Input.Height, x2 * Input.Width, y2 * Input.Height, score, Detection.PersonClass));
        }
    }

    private int Find(string modelPath, string name)
    {
        for (int i = 0; i < Runner.OutputCount; i++)
        {
            if (Runner.OutputName(i) == name)
            {
                return i;
            }
        }

        throw new InvalidDataException($"{Path.GetFileName(modelPath)}: no output named '{name}' (set the sidecar's \"outputs\" to the model's output names).");
    }

    private void Validate(string modelPath, SsdOutputNames outputs)
    {
        int[] boxShape = Runner.OutputShape(_boxes);
        int[] scoreShape = Runner.OutputShape(_scores);
        string file = Path.GetFileName(modelPath);
        if (boxShape.Length != 3 || boxShape[2] != 4)
        {
            throw new InvalidDataException($"{file}: boxes output '{outputs.Boxes}' is [{string.Join(",", boxShape)}], expected [1,N,4].");
        }

        if (scoreShape[1] != _rows || (_classes < 0 && scoreShape.Length != 3) || (_classes >= 0 && scoreShape.Length != 2))
        {
            throw new InvalidDataException(
                $"{file}: scores output '{outputs.Scores}' is [{string.Join(",", scoreShape)}]; expected [1,{_rows}] with a classes output or [1,{_rows},C] without one.");
        }

        if (_classes < 0 && Thresholds.PersonClass >= _scoreColumns)
        {
            throw new InvalidDataException($"{file}: person class {Thresholds.PersonClass} is outside the {_scoreColumns} score columns.");
        }

        if (_classes >= 0 && Runner.OutputShape(_classes)[1] != _rows)
        {
            throw new InvalidDataException($"{file}: classes output '{outputs.Classes}' does not have {_rows} rows.");
        }
    }
}
