namespace CrowdPortal.Vision.Importing.Ops;

/// <summary>
/// ResizeBilinear (NHWC) -> ONNX Resize, linear. TF's coordinate rules map one to one: half_pixel_centers ->
/// "half_pixel" (source = (dst + 0.5) / scale - 0.5, clamped at the border like TF), align_corners -> "align_corners",
/// neither -> "asymmetric" (TF's legacy source = dst / scale).
/// </summary>
internal sealed class ResizeBilinearMapper : IOpMapper
{
    public IReadOnlyList<string> OpTypes { get; } = ["ResizeBilinear"];

    public void Map(TfNode node, ImportContext context)
    {
        GraphValue x = context.Input(node, 0);
        long[] size = context.ConstantInput(node, 1, "size").AsLongs();
        if (x.Rank != 4 || size.Length != 2)
        {
            throw new UnsupportedTfjsOpException(node.Op, node.Name, "only NHWC images with a 2-element size are supported.");
        }

        bool alignCorners = node.GetBool("align_corners", false);
        bool halfPixel = node.GetBool("half_pixel_centers", false);
        string mode = (alignCorners, halfPixel) switch
        {
            (true, true) => throw new TfjsImportException($"Node '{node.Name}': align_corners and half_pixel_centers cannot both be set."),
            (true, false) => "align_corners",
            (false, true) => "half_pixel",
            _ => "asymmetric",
        };

        int[] layout = Permutation.NhwcAsNchw;
        string input = context.Emit(x, layout);
        string output = context.DefineOutput(node, 0, layout, x.Type, [x.Shape[0], size[0], size[1], x.Shape[3]]);
        string[] inputs = context.Options.AnyImageSize
            // The factor this resize has at the model's own size (2 to go up a pyramid level, 0.5 down), which holds at any size.
            ? [input, string.Empty, context.FloatConstant(node.Name + "/scales", 1f, 1f, (float)size[0] / x.Shape[1], (float)size[1] / x.Shape[2])]
            : [input, string.Empty, string.Empty, context.Int64Constant(node.Name + "/sizes", x.Shape[0], x.Shape[3], size[0], size[1])];
        context.Graph.AddNode("Resize", inputs, [output], node.Name)
            .String("mode", "linear")
            .String("coordinate_transformation_mode", mode);
    }
}
