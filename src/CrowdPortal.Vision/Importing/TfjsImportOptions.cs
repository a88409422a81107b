namespace CrowdPortal.Vision.Importing;

/// <summary>How <see cref="TfjsModelImporter"/> writes the ONNX model.</summary>
public sealed record TfjsImportOptions
{
    /// <summary>
    /// Write a model that runs at any image size, not only the TF.js model's own: the image input's height and width
    /// (and every output dimension but the batch) are symbolic, and bilinear resizes scale by the factor they have at
    /// the model's own size instead of resizing to its fixed sizes. Shapes are still checked at the model's own size
    /// while importing. Only for models whose reshapes let the spatial size through (-1); NanoDet's do.
    /// A detector then feeds an input shaped like the frame (416x320 for 4:3 video) instead of a padded square.
    /// </summary>
    public bool AnyImageSize { get; init; }
}
