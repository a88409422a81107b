using CrowdPortal.Core.Analysis;
using CrowdPortal.Core.Geometry;
using CrowdPortal.Core.Zones;

namespace CrowdPortal.Core.Tests.Analysis;

/// <summary>
/// The whole-frame count keeps a followed person the detector misses in the middle of the picture (behind a post,
/// merged with a neighbour) for a second, but not one who walked out of the picture or a thing that never moved; and a
/// weak box counts only where it continues a followed person.
/// </summary>
public class HiddenPeopleTests
{
    private const double FrameSeconds = 0.1; // 10 fps
    private static readonly FrameSize Frame = new(400, 200);

    /// <summary>A 20×40 box walking right <paramref name="step"/> px a frame from x = <paramref name="start"/>.</summary>
    private static Detection Walker(int frame, float start = 50, float step = 3, float confidence = 0.9f) =>
        new(start + (step * frame), 80, start + (step * frame) + 20, 120, confidence, 0);

    private static (CrowdCounter Counter, CrowdFrameResult Result) NewCounter(CrowdCounterOptions? options = null) =>
        (new CrowdCounter(ZoneSet.Empty, Frame, options), new CrowdFrameResult());

    [Fact]
    public void APersonMissedMidPicture_CountsForOneSecond_ThenNotAnyMore()
    {
        var (counter, result) = NewCounter();
        for (int f = 0; f < 20; f++)
        {
            counter.ProcessFrame([Walker(f)], f * FrameSeconds, result);
        }

        for (int f = 20; f <= 29; f++)
        {
            counter.ProcessFrame([], f * FrameSeconds, result);
            Assert.True(result.People == 1 && result.HiddenPeople == 1, $"frame {f}, missed {f - 19} frames: {result.People} people");
        }

        counter.ProcessFrame([], 30 * FrameSeconds, result);
        Assert.Equal(0, result.People);
        Assert.Equal(0, result.HiddenPeople);
    }

    [Fact]
    public void APersonWalkingOutOfThePicture_StopsCountingAtTheEdge()
    {
        var (counter, result) = NewCounter();
        int lastSeen = 0;
        for (int f = 0; Walker(f, start: 250, step: 6).X2 <= Frame.Width - 4; f++)
        {
            counter.ProcessFrame([Walker(f, start: 250, step: 6)], f * FrameSeconds, result);
            lastSeen = f;
        }

        // Predicted on at about 6 px a frame, the 20-px box crosses the right edge within two frames of the last sighting.
        for (int f = lastSeen + 1; f <= lastSeen + 10; f++)
        {
            counter.ProcessFrame([], f * FrameSeconds, result);
            if (f >= lastSeen + 3)
            {
                Assert.True(result.People == 0, $"frame {f}, {f - lastSeen} after the last sighting at the edge: {result.People} people");
            }
        }
    }

    [Fact]
    public void SomethingThatNeverMoved_IsNotAHiddenPerson()
    {
        var cone = new Detection(100, 150, 115, 180, 0.9f, 0);
        var (counter, result) = NewCounter();
        for (int f = 0; f < 20; f++)
        {
            counter.ProcessFrame([cone], f * FrameSeconds, result);
            Assert.Equal(1, result.People); // seen: counted, as the detector says
        }

        counter.ProcessFrame([], 20 * FrameSeconds, result);
        Assert.Equal(0, result.People);
    }

    [Fact]
    public void AtAStrideOfOneSecond_AMissedPersonCountsForOneAnalysedFrame()
    {
        var (counter, result) = NewCounter();
        for (int f = 0; f < 10; f++)
        {
            counter.ProcessFrame([Walker(f, step: 8)], f, result); // analysed frames 1 s apart
        }

        counter.ProcessFrame([], 10, result);
        Assert.Equal(1, result.People);
        counter.ProcessFrame([], 11, result);
        Assert.Equal(0, result.People);
    }

    [Fact]
    public void AWeakBox_CountsOnlyWhereItContinuesAFollowedPerson()
    {
        var options = new CrowdCounterOptions().ForConfidentScore(0.5f);
        var weakCone = new Detection(300, 150, 315, 180, 0.45f, 0);
        var (counter, result) = NewCounter(options);
        for (int f = 0; f < 30; f++)
        {
            // A person seen clearly for 10 frames, then only weakly (half hidden); a weak static box all along.
            Detection person = Walker(f, confidence: f < 10 ? 0.9f : 0.45f);
            counter.ProcessFrame([person, weakCone], f * FrameSeconds, result);
            Assert.True(result.People == 1, $"frame {f}: {result.People} people");
            Assert.Equal(0.5f, result.MinCountedConfidence);
        }
    }

    [Fact]
    public void AWeakBoxOfNobodyFollowed_IsNotCounted()
    {
        var (counter, result) = NewCounter(new CrowdCounterOptions().ForConfidentScore(0.5f));
        for (int f = 0; f < 10; f++)
        {
            counter.ProcessFrame([Walker(f, confidence: 0.45f)], f * FrameSeconds, result);
            Assert.Equal(0, result.People);
            Assert.Empty(result.Tracks);
        }
    }

    [Fact]
    public void NoConfidentScore_LeavesTheOptionsAsTheyAre()
    {
        var options = new CrowdCounterOptions();
        Assert.Same(options, options.ForConfidentScore(0f));
        CrowdCounterOptions split = options.ForConfidentScore(0.51f);
        Assert.Equal((0.51f, 0.51f, 0.51f, 0f), (split.PeopleMinConfidence, split.Tracker.HighScoreThreshold, split.Tracker.NewTrackThreshold, split.Tracker.LowScoreThreshold));
    }
}
