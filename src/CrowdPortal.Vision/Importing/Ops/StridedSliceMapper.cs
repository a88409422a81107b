namespace CrowdPortal.Vision.Importing.Ops;

/// <summary>
/// StridedSlice with constant begin/end/strides and all five masks (begin, end, ellipsis, new_axis, shrink_axis).
/// The TF slice spec is resolved against the static input shape into one ONNX Slice over the input axes, followed by a
/// Reshape when axes are added (new_axis) or dropped (shrink_axis).
/// </summary>
internal sealed class StridedSliceMapper : IOpMapper
{
    public IReadOnlyList<string> OpTypes { get; } = ["StridedSlice"];

    public void Map(TfNode node, ImportContext context)
    {
        GraphValue x = context.Input(node, 0);
        long[] begin = context.ConstantInput(node, 1, "begin").AsLongs();
        long[] end = context.ConstantInput(node, 2, "end").AsLongs();
        long[] strides = context.ConstantInput(node, 3, "strides").AsLongs();
        SliceSpec spec = Resolve(node, x.Shape, begin, end, strides);

        bool needsReshape = spec.Shrunk > 0 || spec.NewAxes > 0;
        if (spec.Axes.Count == 0 && !needsReshape)
        {
            context.Define(node, 0, x); // the spec selects everything
            return;
        }

        long[] outShape = [.. spec.OutputShape];
        string output = context.DefineOutput(node, 0, Permutation.Identity(outShape.Length), x.Type, outShape);
        string current = context.EmitIdentity(x);
        if (spec.Axes.Count > 0)
        {
            string sliced = needsReshape ? context.Graph.UniqueName(node.Name + "/slice") : output;
            context.Graph.AddNode("Slice",
                [
                    current,
                    context.Int64Constant(node.Name + "/starts", [.. spec.Starts]),
                    context.Int64Constant(node.Name + "/ends", [.. spec.Ends]),
                    context.Int64Constant(node.Name + "/axes", [.. spec.Axes]),
                    context.Int64Constant(node.Name + "/steps", [.. spec.Steps]),
                ],
                [sliced],
                node.Name);
            current = sliced;
        }

        if (needsReshape)
        {
            context.Graph.AddNode("Reshape", [current, context.Int64Constant(node.Name + "/shape", outShape)], [output]).Int("allowzero", 1);
        }
    }

    private static SliceSpec Resolve(TfNode node, long[] shape, long[] begin, long[] end, long[] strides)
    {
        long beginMask = node.GetInt("begin_mask", 0);
        long endMask = node.GetInt("end_mask", 0);
        long ellipsisMask = node.GetInt("ellipsis_mask", 0);
        long newAxisMask = node.GetInt("new_axis_mask", 0);
        long shrinkMask = node.GetInt("shrink_axis_mask", 0);
        int n = begin.Length;
        if (end.Length != n || strides.Length != n)
        {
            throw new TfjsImportException($"Node '{node.Name}': begin, end and strides differ in length.");
        }

        int consuming = 0;
        for (int i = 0; i < n; i++)
        {
            if ((ellipsisMask & (1L << i)) == 0 && (newAxisMask & (1L << i)) == 0)
            {
                consuming++;
            }
        }

        var spec = new SliceSpec();
        int dim = 0;
        bool sawEllipsis = false;
        for (int i = 0; i < n; i++)
        {
            long bit = 1L << i;
            if ((ellipsisMask & bit) != 0)
            {
                if (sawEllipsis)
                {
                    throw new TfjsImportException($"Node '{node.Name}': more than one ellipsis.");
                }

                sawEllipsis = true;
                for (int covered = shape.Length - consuming; covered > 0; covered--)
                {
                    spec.OutputShape.Add(shape[dim++]);
                }
            }
            else if ((newAxisMask & bit) != 0)
            {
                spec.OutputShape.Add(1);
                spec.NewAxes++;
            }
            else
            {
                if (dim >= shape.Length)
                {
                    throw new TfjsImportException($"Node '{node.Name}': the slice spec has more axes than the input's rank {shape.Length}.");
                }

                spec.AddAxis(dim, shape[dim], begin[i], end[i], strides[i], (beginMask & bit) != 0, (endMask & bit) != 0, (shrinkMask & bit) != 0, node);
                dim++;
            }
        }

        // Axes the spec does not mention are taken whole (TF's implicit trailing ellipsis).
        for (; dim < shape.Length; dim++)
        {
            spec.OutputShape.Add(shape[dim]);
        }

        return spec;
    }

    private sealed class SliceSpec
    {
        public List<long> Starts { get; } = [];

        public List<long> Ends { get; } = [];

        public List<long> Axes { get; } = [];

        public List<long> Steps { get; } = [];

        public List<long> OutputShape { get; } = [];

        public int Shrunk { get; private set; }

        public int NewAxes { get; set; }

        public void AddAxis(int axis, long size, long begin, long end, long stride, bool beginMasked, bool endMasked, bool shrink, TfNode node)
        {
            if (stride == 0)
            {
                throw new TfjsImportException($"Node '{node.Name}': stride 0.");
            }

            long start, stop;
            if (shrink)
            {
                start = begin < 0 ? begin + size : begin;
                if (start < 0 || start >= size)
                {
                    throw new TfjsImportException($"Node '{node.Name}': index {begin} is out of range for size {size}.");
                }

                stop = start + 1;
                stride = 1;
                Shrunk++;
            }
            else
            {
                start = beginMasked ? (stride > 0 ? 0 : size - 1) : Clamp(begin < 0 ? begin + size : begin, size, stride);
                stop = endMasked ? (stride > 0 ? size : -1) : Clamp(end < 0 ? end + size : end, size, stride);
                long length = stride > 0 ? CeilDiv(stop - start, stride) : CeilDiv(start - stop, -stride);
                OutputShape.Add(Math.Max(0, length));
            }

            if (start == 0 && stop == size && stride == 1)
            {
                return; // whole axis: nothing to slice
            }

            Axes.Add(axis);
            Starts.Add(start);

            // ONNX reads a negative end as counted from the back; "before element 0" needs INT64_MIN.
            Ends.Add(stop < 0 ? long.MinValue : stop);
            Steps.Add(stride);
        }

        private static long Clamp(long index, long size, long stride) =>
            stride > 0 ? Math.Clamp(index, 0, size) : Math.Clamp(index, -1, size - 1);

        private static long CeilDiv(long a, long b) => a <= 0 ? 0 : (a + b - 1) / b;
    }
}
