namespace CrowdPortal.Core.Tracking;

/// <summary>
/// Minimum-cost assignment (Hungarian method, shortest augmenting paths with potentials, O(n³)) on a square cost
/// matrix. Buffers grow to the largest size seen and are reused, so solving does not allocate in steady state.
/// </summary>
internal sealed class AssignmentSolver
{
    private double[] _u = [];
    private double[] _v = [];
    private double[] _minV = [];
    private int[] _p = [];
    private int[] _way = [];
    private bool[] _used = [];

    /// <summary>
    /// Solves for the n×n row-major <paramref name="cost"/> matrix and writes, for each row, its assigned column into
    /// <paramref name="rowToColumn"/>.
    /// </summary>
    public void Solve(ReadOnlySpan<float> cost, int n, Span<int> rowToColumn)
    {
        if (n == 0)
        {
            return;
        }

        EnsureCapacity(n + 1);
        Array.Clear(_u, 0, n + 1);
        Array.Clear(_v, 0, n + 1);
        Array.Clear(_p, 0, n + 1);
        Array.Clear(_way, 0, n + 1);

        // 1-based formulation: _p[j] is the row matched to column j; column 0 is the virtual start of each search.
        for (int i = 1; i <= n; i++)
        {
            _p[0] = i;
            int j0 = 0;
            Array.Fill(_minV, double.PositiveInfinity, 0, n + 1);
            Array.Clear(_used, 0, n + 1);
            do
            {
                _used[j0] = true;
                int i0 = _p[j0];
                double delta = double.PositiveInfinity;
                int j1 = 0;
                for (int j = 1; j <= n; j++)
                {
                    if (_used[j])
                    {
                        continue;
                    }

                    double reduced = cost[((i0 - 1) * n) + (j - 1)] - _u[i0] - _v[j];
                    if (reduced < _minV[j])
                    {
                        _minV[j] = reduced;
                        _way[j] = j0;
                    }

                    if (_minV[j] < delta)
                    {
                        delta = _minV[j];
                        j1 = j;
                    }
                }

                for (int j = 0; j <= n; j++)
                {
                    if (_used[j])
                    {
                        _u[_p[j]] += delta;
                        _v[j] -= delta;
                    }
                    else
                    {
                        _minV[j] -= delta;
                    }
                }

                j0 = j1;
            }
            while (_p[j0] != 0);

            do
            {
                int j1 = _way[j0];
                _p[j0] = _p[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }

        for (int j = 1; j <= n; j++)
        {
            rowToColumn[_p[j] - 1] = j - 1;
        }
    }

    private void EnsureCapacity(int size)
    {
        if (_u.Length >= size)
        {
            return;
        }

        int capacity = Math.Max(size, _u.Length * 2);
        _u = new double[capacity];
        _v = new double[capacity];
        _minV = new double[capacity];
        _p = new int[capacity];
        _way = new int[capacity];
        _used = new bool[capacity];
    }
}
