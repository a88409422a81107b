using CrowdPortal.Core.Tracking;

namespace CrowdPortal.Core.Tests.Tracking;

public class AssignmentSolverTests
{
    public static TheoryData<string, int, float[], int[]> Rows => new()
    {
        { "empty input", 0, [], [] },
        { "one by one", 1, [0.3f], [0] },
        { "diagonal is best", 3, [0, 1, 1, 1, 0, 1, 1, 1, 0], [0, 1, 2] },
        { "greedy trap: the best single pair is not in the best assignment", 2, [0.1f, 0.15f, 0.4f, 1f], [1, 0] },
        { "classic 3x3", 3, [4, 1, 3, 2, 0, 5, 3, 2, 2], [1, 0, 2] },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Solve_FindsTheMinimumCostAssignment(string label, int n, float[] cost, int[] expected)
    {
        var assignment = new int[n];
        new AssignmentSolver().Solve(cost, n, assignment);
        Assert.True(expected.SequenceEqual(assignment), $"{label}: got [{string.Join(",", assignment)}]");
    }

    [Fact]
    public void Solve_MatchesBruteForceOnRandomMatrices()
    {
        var random = new Random(11);
        var solver = new AssignmentSolver();
        for (int trial = 0; trial < 200; trial++)
        {
            int n = random.Next(1, 7);
            float[] cost = [.. Enumerable.Range(0, n * n).Select(_ => (float)random.NextDouble())];
            var assignment = new int[n];
            solver.Solve(cost, n, assignment);

            Assert.Equal(n, assignment.Distinct().Count());
            double total = Enumerable.Range(0, n).Sum(r => cost[(r * n) + assignment[r]]);
            Assert.Equal(BruteForceMinimum(cost, n), total, 5);
        }
    }

    private static double BruteForceMinimum(float[] cost, int n)
    {
        double best = double.PositiveInfinity;
        foreach (int[] permutation in Permutations([.. Enumerable.Range(0, n)], 0))
        {
            best = Math.Min(best, Enumerable.Range(0, n).Sum(r => cost[(r * n) + permutation[r]]));
        }

        return best;
    }

    private static IEnumerable<int[]> Permutations(int[] items, int start)
    {
        if (start == items.Length)
        {
            yield return (int[])items.Clone();
            yield break;
        }

        for (int i = start; i < items.Length; i++)
        {
            (items[start], items[i]) = (items[i], items[start]);
            foreach (int[] p in Permutations(items, start + 1))
            {
                yield return p;
            }

            (items[start], items[i]) = (items[i], items[start]);
        }
    }
}
