using CrowdPortal.Data.Entities;
using CrowdPortal.Vision.Detectors;
using CrowdPortal.Vision.Models;
using CrowdPortal.Vision.Privacy;
using CrowdPortal.Web.Analysis;
using OpenCvSharp;

namespace CrowdPortal.Web.Privacy;

/// <summary>
/// Makes a picture fit to keep or serve at a privacy level: at <see cref="PrivacyLevel.Blur"/> every face BlazeFace finds
/// and every person the default detector finds, even at a low score, is pixelated (<see cref="PersonPixelator"/>). One detector for the whole app,
/// used under a lock: pictures are served and stored a few times a second at most, unlike analysed frames.
/// </summary>
public sealed class PictureProtector(DetectorProvider detectors, ILogger<PictureProtector> logger) : IDisposable
{
    /// <summary>
    /// Below the counting threshold on purpose: hiding someone who is not there costs a few blocks of floor, showing
    /// someone who is there is what the level promises never to do.
    /// </summary>
    public const float SearchScore = 0.25f;

    private static readonly int[] JpegQuality = [(int)ImwriteFlags.JpegQuality, 85];

    private readonly Lock _gate = new();
    private IPersonDetector? _detector;
    private BlazeFaceDetector? _faces;
    private bool _facesLoaded;

    /// <summary>Pixelates every person in <paramref name="image"/>, in place.</summary>
    public void HidePeople(Mat image)
    {
        lock (_gate)
        {
            _detector ??= CreateDetector();
            if (!_facesLoaded)
            {
                _faces = CreateFaceDetector();
                _facesLoaded = true;
            }

            PersonPixelator.HideEveryone(image, _detector, _faces);
        }
    }

    /// <summary>The picture as a JPEG, people pixelated first at <see cref="PrivacyLevel.Blur"/> (the image is changed).</summary>
    public byte[] Jpeg(Mat image, PrivacyLevel level)
    {
        if (level != PrivacyLevel.Off)
        {
            HidePeople(image);
        }

        Cv2.ImEncode(".jpg", image, out byte[] jpeg, JpegQuality);
        return jpeg;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _detector?.Dispose();
            _detector = null;
            _faces?.Dispose();
            _faces = null;
        }
    }

    private BlazeFaceDetector? CreateFaceDetector()
    {
        string path = Path.Combine(detectors.ModelsPath, FaceModel.RelativePath);
        if (!File.Exists(path))
        {
            logger.LogWarning("No face model at {Path} (scripts/setup.sh imports it): close-range faces are only hidden when the person detector sees the person", path);
            return null;
        }

        return new BlazeFaceDetector(path);
    }

    private IPersonDetector CreateDetector()
    {
        var entry = DetectorFactory.SelectDefault(ModelCatalog.Scan(detectors.ModelsPath).Models);
        if (entry is null)
        {
            logger.LogWarning("No ONNX model: people in pictures are found with OpenCV's HOG detector, which misses many");
            return DetectorFactory.CreateHog(logger, "no ONNX model to find people in pictures");
        }

        return DetectorFactory.Create(entry.WithScoreThreshold(Math.Min(SearchScore, entry.Sidecar.ScoreThreshold)), logger);
    }
}
