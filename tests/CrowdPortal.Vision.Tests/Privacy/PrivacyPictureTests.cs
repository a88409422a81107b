using CrowdPortal.Core;
using CrowdPortal.Tests.Shared;
using CrowdPortal.Vision.Detectors;
using CrowdPortal.Vision.Models;
using CrowdPortal.Vision.Privacy;
using CrowdPortal.Vision.Tests.Detectors;
using CrowdPortal.Vision.Tests.Models;
using OpenCvSharp;

namespace CrowdPortal.Vision.Tests.Privacy;

/// <summary>The default detector judges whether people can still be found in a protected picture of real footage.</summary>
public sealed class PrivacyPictureTests
{
    /// <summary>Lower than the counting threshold: a person the detector is only a little sure of is still a person to hide.</summary>
    private const float SearchScore = 0.3f;

    [Fact]
    public void Pixelated_NoPersonIsFoundWhereTheRawFrameHasSeveral_AndTheRestIsUnchanged()
    {
        using var detector = Detector(0.25f);
        using var check = Detector(SearchScore);
        foreach (var frame in SampleVideoFrames.Read(120, 480))
        {
            using (frame)
            {
                var raw = new List<Detection>();
                check.Detect(frame, raw);
                Assert.True(raw.Count >= 4, $"the raw frame should show several people, found {raw.Count}");

                using var protectedFrame = frame.Clone();
                var people = PersonPixelator.HideEveryone(protectedFrame, detector);

                var left = new List<Detection>();
                check.Detect(protectedFrame, left);
                Assert.True(left.Count == 0, $"people still found: {string.Join(", ", left)}");

                using var outside = new Mat(frame.Size(), MatType.CV_8UC1, Scalar.All(255));
                foreach (var person in people)
                {
                    outside[PersonPixelator.Enlarged(person, frame.Width, frame.Height)].SetTo(Scalar.All(0));
                }

                using var difference = new Mat();
                Cv2.Absdiff(frame, protectedFrame, difference);
                Assert.Equal(0, Cv2.Mean(difference, outside).Val0 + Cv2.Mean(difference, outside).Val1 + Cv2.Mean(difference, outside).Val2);
                Assert.True(Cv2.Mean(difference).Val0 > 0.5, "the people's boxes were changed");
            }
        }
    }

    [Fact]
    public void CleanPlate_OfTheSampleVideo_ShowsTheSceneWithoutItsPeople()
    {
        using var plate = CleanPlate.FromVideo(RepoPaths.SampleVideo);
        Assert.NotNull(plate);
        Assert.Equal(new Size(768, 576), plate.Size());

        using var check = Detector(0.47f);
        var left = new List<Detection>();
        check.Detect(plate, left);
        Assert.True(left.Count <= 1, $"people on the clean plate: {string.Join(", ", left)}");

        // It is the scene: close to a frame of the video wherever nobody stands (most of the picture).
        using var frame = SampleVideoFrames.Read(0)[0];
        using var difference = new Mat();
        Cv2.Absdiff(frame, plate, difference);
        Assert.True(Cv2.Mean(difference).Val0 < 12, $"mean difference to a frame {Cv2.Mean(difference).Val0:0.0}");
    }

    [Fact]
    public void CleanPlate_IsThePerPixelMedian()
    {
        using var plate = new CleanPlate();
        foreach (byte value in new byte[] { 10, 200, 30, 40, 250 })
        {
            using var sample = new Mat(2, 3, MatType.CV_8UC3, Scalar.All(value));
            plate.Add(sample);
        }

        using var median = plate.Build();
        Assert.Equal(40, median!.At<Vec3b>(1, 2).Item1);
        plate.KeepNewest(2); // 40 and 250
        using var newest = plate.Build();
        Assert.Equal(250, newest!.At<Vec3b>(0, 0).Item0);
    }

    [Fact]
    public void CleanPlate_LeavesOutThePeopleInEachSample_EvenWhenTheyLinger()
    {
        // A "person" (value 200) stands at the left in 3 of 5 samples: a plain median keeps them, the masked one not.
        using var plate = new CleanPlate();
        var person = new Detection(0, 0, 10, 20, 0.9f, 0);
        for (int i = 0; i < 5; i++)
        {
            using var sample = new Mat(20, 40, MatType.CV_8UC3, Scalar.All(50));
            bool there = i < 3;
            if (there)
            {
                sample[new Rect(0, 0, 10, 20)].SetTo(Scalar.All(200));
            }

            plate.Add(sample, there ? [person] : []);
        }

        using var clean = plate.Build();
        Assert.Equal(50, clean!.At<Vec3b>(10, 5).Item0);
        Assert.Equal(50, clean.At<Vec3b>(10, 30).Item0);

        // Where people cover a pixel in every sample, the plate still has a value there: the median of all samples.
        using var crowded = new CleanPlate();
        foreach (byte value in new byte[] { 10, 20, 30 })
        {
            using var sample = new Mat(20, 40, MatType.CV_8UC3, Scalar.All(value));
            crowded.Add(sample, [person]);
        }

        using var all = crowded.Build();
        Assert.Equal(20, all!.At<Vec3b>(10, 5).Item2);
    }

    private static IPersonDetector Detector(float score)
    {
        var entry = ImportedModels.Entry(DefaultModels.NanoDet);
        return DetectorFactory.Create(entry.WithScoreThreshold(score), new RecordingLogger());
    }
}
