namespace CrowdPortal.Core.Tests.Tracking;

/// <summary>A made-up person for tracker tests: a box per frame, or none while unseen.</summary>
public sealed class SyntheticPerson
{
    private readonly Detection?[] _boxes;

    private SyntheticPerson(string name, Detection?[] boxes)
    {
        Name = name;
        _boxes = boxes;
    }

    public string Name { get; }

    public override string ToString() => Name;

    public Detection? BoxAt(int frame) => frame < _boxes.Length ? _boxes[frame] : null;

    /// <summary>
    /// A 40×100 box whose top-left starts at (x, y) and moves (vx, vy) pixels per frame, visible in [from, to]
    /// except <paramref name="missing"/> frames, optionally jittered by up to ±<paramref name="jitter"/> px per edge.
    /// </summary>
    public static SyntheticPerson Walk(
        string name, int from, int to, float x, float y, float vx = 0, float vy = 0,
        int[]? missing = null, float jitter = 0, Func<int, float>? score = null, int seed = 1)
    {
        var random = new Random(seed);
        var boxes = new Detection?[to + 1];
        for (int f = from; f <= to; f++)
        {
            float j() => jitter == 0 ? 0 : (float)((random.NextDouble() * 2) - 1) * jitter;
            float left = x + (vx * (f - from));
            float top = y + (vy * (f - from));
            var box = new Detection(left + j(), top + j(), left + 40 + j(), top + 100 + j(), score?.Invoke(f) ?? 0.8f, 0);
            if (missing is null || Array.IndexOf(missing, f) < 0)
            {
                boxes[f] = box;
            }
        }

        return new SyntheticPerson(name, boxes);
    }
}
