namespace CrowdPortal.Vision.Imaging;

/// <summary>How a frame is fitted into a model's fixed input size.</summary>
internal enum ResizeMode
{
    /// <summary>Scale each axis independently to fill the input (aspect ratio changes).</summary>
    Stretch,

    /// <summary>Scale both axes by the same factor and centre the result on a padded canvas (aspect ratio kept).</summary>
    Letterbox,
}
