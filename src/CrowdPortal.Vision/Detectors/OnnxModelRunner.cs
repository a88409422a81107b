using Microsoft.ML.OnnxRuntime;

namespace CrowdPortal.Vision.Detectors;

/// <summary>
/// One ONNX Runtime session for one model, created once, with an input tensor over a pre-allocated float buffer and
/// pre-allocated output buffers, so running a frame allocates no tensors. Not thread-safe.
/// </summary>
internal sealed class OnnxModelRunner : IDisposable
{
    private readonly SessionOptions _sessionOptions;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtIoBinding _binding;
    private readonly string[] _inputNames;
    private readonly OrtValue[] _inputValues;
    private readonly string[] _outputNames;
    private readonly OrtValue[] _outputValues;
    private readonly float[][] _outputs;
    private readonly int[][] _outputShapes;

    /// <param name="modelPath">The .onnx file.</param>
    /// <param name="inputShape">The image input's shape (batch of one); checked against the model's declared shape.</param>
    /// <param name="outputFilter">Chooses which outputs to compute from (name, shape); null keeps all.</param>
    /// <param name="expectedOutputs">Says what the filter looks for, for the error when no output passes it.</param>
    /// <param name="intraOpThreads">Threads one run uses; 0 = one per core.</param>
    public OnnxModelRunner(string modelPath, long[] inputShape, Func<string, int[], bool>? outputFilter = null, string expectedOutputs = "any", int intraOpThreads = 0)
    {
        _sessionOptions = CreateSessionOptions(intraOpThreads);
        _session = new InferenceSession(modelPath, _sessionOptions);

        try
        {
            var input = _session.InputMetadata.First();
            CheckInput(modelPath, input.Key, input.Value, inputShape);
            Input = new float[ShapeLength(inputShape)];
            _inputNames = [input.Key];
            _inputValues = [OrtValue.CreateTensorValueFromMemory(Input, inputShape)];

            var names = new List<string>();
            var seen = new List<string>();
            var shapes = new List<int[]>();
            foreach (var (name, meta) in _session.OutputMetadata)
            {
                int[] declared = BatchOfOne(meta.Dimensions);
                seen.Add($"{name} [{string.Join(",", meta.Dimensions)}]");
                if (outputFilter is null || outputFilter(name, declared))
                {
                    CheckFloat(modelPath, name, meta);
                    names.Add(name);
                    shapes.Add(declared);
                }
            }

            if (names.Count == 0)
            {
                throw new InvalidDataException(
                    $"{Path.GetFileName(modelPath)}: none of its outputs ({string.Join(", ", seen)}) is one this detector reads: {expectedOutputs}.");
            }

            _outputNames = [.. names];
            _outputShapes = shapes.Exists(shape => Array.Exists(shape, d => d <= 0)) ? ProbeOutputShapes() : [.. shapes];
            _outputs = new float[_outputNames.Length][];
            _outputValues = new OrtValue[_outputNames.Length];
            for (int i = 0; i < _outputNames.Length; i++)
            {
                _outputs[i] = new float[ShapeLength(_outputShapes[i])];
                _outputValues[i] = OrtValue.CreateTensorValueFromMemory(_outputs[i], Array.ConvertAll(_outputShapes[i], d => (long)d));
            }

            // Bound once: the buffers never move, so each run passes no names or tensors across the native boundary.
            _binding = _session.CreateIoBinding();
            _binding.BindInput(_inputNames[0], _inputValues[0]);
            for (int i = 0; i < _outputNames.Length; i++)
            {
                _binding.BindOutput(_outputNames[i], _outputValues[i]);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The input tensor's memory: write a frame here, then call <see cref="Run"/>.</summary>
    public float[] Input { get; }

    /// <summary>Number of outputs this runner computes.</summary>
    public int OutputCount => _outputNames.Length;

    /// <summary>Name of output <paramref name="index"/>.</summary>
    public string OutputName(int index) => _outputNames[index];

    /// <summary>Shape of output <paramref name="index"/> (dynamic batch dimensions read as 1).</summary>
    public int[] OutputShape(int index) => _outputShapes[index];

    /// <summary>The values of output <paramref name="index"/> after the last <see cref="Run"/>.</summary>
    public ReadOnlySpan<float> Output(int index) => _outputs[index];

    /// <summary>Runs the model on the current <see cref="Input"/>, filling every output buffer.</summary>
    public void Run() => _session.RunWithBinding(_runOptions, _binding);

    /// <summary>
    /// Session options for a small CPU box: all graph optimisations (they also fuse an int8 model's QuantizeLinear/
    /// DequantizeLinear pairs into int8 kernels), intra-op threads = cores unless the caller asks for fewer (a
    /// <see cref="DetectorPool"/> runs one single-threaded session per core instead), one inter-op thread because these
    /// graphs are one long chain with little to run in parallel, and no spin-waiting between ops: the decode thread
    /// (and, in the portal, other jobs) needs those cycles. Measured on vtest.avi: 4 % faster end to end (19.4 s against
    /// 20.2 s wall, median of 3) with 5 % less CPU.
    /// </summary>
    internal static SessionOptions CreateSessionOptions(int intraOpThreads = 0)
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = intraOpThreads > 0 ? intraOpThreads : Math.Max(1, Environment.ProcessorCount),
            InterOpNumThreads = 1,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }

    private static void CheckInput(string modelPath, string name, NodeMetadata meta, long[] expected)
    {
        if (meta.ElementType != typeof(float))
        {
            throw new InvalidDataException($"{Path.GetFileName(modelPath)}: input '{name}' is {meta.ElementType.Name}; only float32 image inputs are supported.");
        }

        int[] dims = meta.Dimensions;
        bool matches = dims.Length == expected.Length;
        for (int i = 0; matches && i < dims.Length; i++)
        {
            matches = dims[i] <= 0 || dims[i] == expected[i];
        }

        if (!matches)
        {
            throw new InvalidDataException(
                $"{Path.GetFileName(modelPath)}: input '{name}' has shape [{string.Join(",", dims)}], the sidecar describes [{string.Join(",", expected)}].");
        }
    }

    private static int[] BatchOfOne(int[] dims)
    {
        int[] shape = (int[])dims.Clone();
        if (shape.Length > 0 && shape[0] <= 0)
        {
            shape[0] = 1;
        }

        return shape;
    }

    private static void CheckFloat(string modelPath, string name, NodeMetadata meta)
    {
        if (meta.ElementType != typeof(float))
        {
            throw new InvalidDataException($"{Path.GetFileName(modelPath)}: output '{name}' is {meta.ElementType.Name}; only float32 outputs are supported.");
        }
    }

    /// <summary>
    /// A model with open dimensions (one imported for any image size) tells its output shapes for this input only by
    /// running: once, on the still-zero input, before the buffers are bound.
    /// </summary>
    private int[][] ProbeOutputShapes()
    {
        using var results = _session.Run(_runOptions, _inputNames, _inputValues, _outputNames);
        return [.. results.Select(value => Array.ConvertAll(value.GetTensorTypeAndShape().Shape, d => checked((int)d)))];
    }

    private static int ShapeLength(IEnumerable<long> shape) => checked((int)shape.Aggregate(1L, (a, b) => a * b));

    private static int ShapeLength(int[] shape) => ShapeLength(shape.Select(d => (long)d));

    public void Dispose()
    {
        foreach (var value in _outputValues ?? [])
        {
            value?.Dispose();
        }

        foreach (var value in _inputValues ?? [])
        {
            value?.Dispose();
        }

        _binding?.Dispose();
        _runOptions.Dispose();
        _session?.Dispose();
        _sessionOptions.Dispose();
    }
}
