using System.Net;
using System.Text.Json;
using CrowdPortal.Core;
using CrowdPortal.Tests.Shared;
using CrowdPortal.Vision.Detectors;
using CrowdPortal.Vision.Models;
using CrowdPortal.Vision.Sources;
using CrowdPortal.Web.Tests.Cameras;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCvSharp;

namespace CrowdPortal.Web.Tests.Privacy;

/// <summary>
/// An installation whose default level is <c>blur</c>: one upload stays at blur, one is raised to counts-only; both are
/// analysed. The default detector then judges every picture the portal serves for them.
/// </summary>
public sealed class BlurByDefaultPortal : IAsyncLifetime
{
    public PortalFactory Factory { get; } = new(TestDatabaseKind.Sqlite, new Dictionary<string, string?>
    {
        ["Privacy:DefaultLevel"] = "blur",
        ["Analysis:FrameStride"] = "5",
    });

    public PortalClient Owner { get; private set; } = null!;

    public long Blurred { get; private set; }

    public long CountsOnly { get; private set; }

    public async Task InitializeAsync()
    {
        Owner = Factory.CreatePortalClient();
        await Owner.RegisterNewUserAsync();
        Blurred = await Owner.UploadSampleAsync();
        CountsOnly = await Owner.UploadSampleAsync();
        var raised = await Owner.SendWithTokenAsync(HttpMethod.Put, $"/api/v1/videos/{CountsOnly}/privacy", new { level = "counts-only" });
        Assert.Equal(HttpStatusCode.OK, raised.StatusCode);
        foreach (long id in new[] { Blurred, CountsOnly })
        {
            Assert.Equal(HttpStatusCode.OK, (await Owner.PutZonesAsync(id, AnalysisHelpers.SampleZones)).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, (await Owner.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/videos/{id}/analysis")).StatusCode);
            await Owner.WaitForStatusAsync(id, TimeSpan.FromMinutes(5), "completed");
        }
    }

    public Task DisposeAsync()
    {
        Owner.Dispose();
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class PrivacyLevelTests(BlurByDefaultPortal portal) : IClassFixture<BlurByDefaultPortal>
{
    private static readonly Lazy<IPersonDetector> Check = new(PersonSearch.CreateDetector);

    [Fact]
    public async Task NewVideosAndCameras_StartAtTheInstallationDefault()
    {
        var video = await PortalClient.ReadJsonAsync(await portal.Owner.Http.GetAsync($"/api/v1/videos/{portal.Blurred}"));
        Assert.Equal("blur", video.GetProperty("privacyLevel").GetString());
        long webcam = await portal.Owner.AddWebcamAsync("Door");
        Assert.Equal("blur", (await portal.Owner.GetCameraAsync(webcam)).GetProperty("privacyLevel").GetString());
    }

    [Theory]
    [InlineData(12.0)]
    [InlineData(48.0)]
    [InlineData(70.0)]
    public async Task Blur_FrameJpg_ShowsNoPerson_WhereTheRawFrameHasSeveral_AndTheRestIsUnchanged(double t)
    {
        byte[] served = await portal.Owner.Http.GetByteArrayAsync($"/api/v1/videos/{portal.Blurred}/frame.jpg?t={t}");
        using var picture = Cv2.ImDecode(served, ImreadModes.Color);
        using var raw = FrameSnapshot.ReadFrame(RepoPaths.SampleVideo, (long)Math.Round(t * 10))!;
        var people = Find(raw);
        Assert.True(people.Count >= 3, $"the raw frame at {t} s should show several people; found {people.Count}");
        Assert.Empty(Find(picture));

        // Outside the people (boxes doubled, to cover what a second pass hid), the picture is the frame up to JPEG noise.
        using var outside = new Mat(raw.Size(), MatType.CV_8UC1, Scalar.All(255));
        foreach (var p in people)
        {
            float w = p.X2 - p.X1, h = p.Y2 - p.Y1;
            var box = new Rect((int)(p.X1 - w / 2), (int)(p.Y1 - h / 2), (int)(w * 2), (int)(h * 2)).Intersect(new Rect(0, 0, raw.Width, raw.Height));
            outside[box].SetTo(Scalar.All(0));
        }

        using var difference = new Mat();
        Cv2.Absdiff(raw, picture, difference);
        double meanOutside = Cv2.Mean(difference, outside).Val0;
        Assert.True(meanOutside < 3, $"mean difference outside the people {meanOutside:0.00}");
    }

    [Fact]
    public async Task Blur_HeatmapBackground_ShowsNoPerson()
    {
        byte[] png = await portal.Owner.Http.GetByteArrayAsync($"/api/v1/videos/{portal.Blurred}/heatmap.png");
        using var heatmap = Cv2.ImDecode(png, ImreadModes.Color);
        Assert.Equal(768, heatmap.Width);
        Assert.Empty(Find(heatmap));
    }

    [Fact]
    public async Task CountsOnly_EveryMomentShowsTheCleanPlate_AndTheHeatmapIsDrawnOverIt()
    {
        byte[] first = await portal.Owner.Http.GetByteArrayAsync($"/api/v1/videos/{portal.CountsOnly}/frame.jpg?t=12");
        byte[] later = await portal.Owner.Http.GetByteArrayAsync($"/api/v1/videos/{portal.CountsOnly}/frame.jpg?t=48");
        Assert.Equal(first, later);
        using var plate = Cv2.ImDecode(first, ImreadModes.Color);
        Assert.Empty(Find(plate));

        byte[] png = await portal.Owner.Http.GetByteArrayAsync($"/api/v1/videos/{portal.CountsOnly}/heatmap.png");
        using var heatmap = Cv2.ImDecode(png, ImreadModes.Color);
        Assert.Empty(Find(heatmap));

        // Counting is the same at every level.
        string csv = await portal.Owner.Http.GetStringAsync($"/api/v1/videos/{portal.CountsOnly}/counts.csv");
        Assert.Equal(await portal.Owner.Http.GetStringAsync($"/api/v1/videos/{portal.Blurred}/counts.csv"), csv);
    }

    [Fact]
    public async Task Lowering_NeedsConfirmation_AndIsLogged()
    {
        long id = await portal.Owner.UploadSampleAsync();
        var refused = await portal.Owner.SendWithTokenAsync(HttpMethod.Put, $"/api/v1/videos/{id}/privacy", new { level = "off" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("confirm", (await PortalClient.ReadJsonAsync(refused)).GetProperty("detail").GetString());
        Assert.Equal("blur", (await PortalClient.ReadJsonAsync(await portal.Owner.Http.GetAsync($"/api/v1/videos/{id}"))).GetProperty("privacyLevel").GetString());

        var unknown = await portal.Owner.SendWithTokenAsync(HttpMethod.Put, $"/api/v1/videos/{id}/privacy", new { level = "invisible" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        var lowered = await portal.Owner.SendWithTokenAsync(HttpMethod.Put, $"/api/v1/videos/{id}/privacy", new { level = "off", confirm = true });
        Assert.Equal(HttpStatusCode.OK, lowered.StatusCode);
        Assert.Contains(portal.Factory.Logs.Lines, l => l.Contains($"lowered the privacy of video {id} from blur to off", StringComparison.Ordinal));

        using var stranger = portal.Factory.CreatePortalClient();
        await stranger.RegisterNewUserAsync();
        var notTheirs = await stranger.SendWithTokenAsync(HttpMethod.Put, $"/api/v1/videos/{id}/privacy", new { level = "counts-only" });
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
    }

    [Fact]
    public async Task TheDashboardShowsTheLevel()
    {
        string page = await portal.Owner.Http.GetStringAsync($"/Dashboard/{portal.CountsOnly}");
        Assert.Contains("<option value=\"counts-only\" selected=\"selected\">", page);
        Assert.Contains("Counts only: no picture of people is kept or shown", page);
    }

    [Fact]
    public async Task DeleteFootageAfterAnalysis_KeepsCountsAndThePlate_AndTheFileIsGone()
    {
        long id = await portal.Owner.UploadSampleAsync();
        var filesBefore = portal.Factory.StoredFiles().Where(f => f.EndsWith(".avi", StringComparison.Ordinal)).ToList();
        var chosen = await portal.Owner.SendWithTokenAsync(HttpMethod.Put, $"/api/v1/videos/{id}/retention", new { deleteFootageAfterAnalysis = true });
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await portal.Owner.PutZonesAsync(id, AnalysisHelpers.SampleZones)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await portal.Owner.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/videos/{id}/analysis")).StatusCode);
        await portal.Owner.WaitForStatusAsync(id, TimeSpan.FromMinutes(5), "completed");

        // The file goes right after the completed status is stored (and the clean plate is made).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await PortalClient.ReadJsonAsync(await portal.Owner.Http.GetAsync($"/api/v1/videos/{id}"))).GetProperty("footageDeleted").GetBoolean())
        {
            Assert.True(DateTime.UtcNow < deadline, "the footage was not deleted after the analysis");
            await Task.Delay(250);
        }

        var filesAfter = portal.Factory.StoredFiles().Where(f => f.EndsWith(".avi", StringComparison.Ordinal)).ToList();
        Assert.Equal(filesBefore.Count - 1, filesAfter.Count);
        Assert.Contains(portal.Factory.StoredFiles(), f => f.EndsWith(".plate.jpg", StringComparison.Ordinal));

        var picture = await portal.Owner.Http.GetAsync($"/api/v1/videos/{id}/frame.jpg?t=30");
        Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
        using (var plate = Cv2.ImDecode(await picture.Content.ReadAsByteArrayAsync(), ImreadModes.Color))
        {
            Assert.Empty(Find(plate));
        }

        Assert.Equal(await portal.Owner.Http.GetStringAsync($"/api/v1/videos/{portal.Blurred}/counts.csv"),
            await portal.Owner.Http.GetStringAsync($"/api/v1/videos/{id}/counts.csv"));
        var again = await portal.Owner.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/videos/{id}/analysis");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("footage was deleted", (await PortalClient.ReadJsonAsync(again)).GetProperty("detail").GetString());
        Assert.Contains("data-testid=\"footage-deleted\"", await portal.Owner.Http.GetStringAsync($"/Dashboard/{id}"));
    }

    [Fact]
    public async Task TheAdministratorSeesLevelsAndFootagePerAccount_NeverTheFootage()
    {
        // The owner registered first on this installation, so it is the administrator.
        var status = await PortalClient.ReadJsonAsync(await portal.Owner.Http.GetAsync("/api/v1/admin/status"));
        var mine = status.GetProperty("privacy").EnumerateArray().Single();
        Assert.True(mine.GetProperty("footageBytes").GetInt64() >= 2L * SampleFiles.Video.Length);
        Assert.True(mine.GetProperty("uploads").GetProperty("counts-only").GetInt32() >= 1);
        Assert.True(mine.GetProperty("uploads").GetProperty("blur").GetInt32() >= 1);
        string page = await portal.Owner.Http.GetStringAsync("/Admin");
        Assert.Contains("Footage and privacy by account", page);
        Assert.DoesNotContain("frame.jpg", page);
    }

    private static List<Detection> Find(Mat picture)
    {
        var found = new List<Detection>();
        lock (Check)
        {
            Check.Value.Detect(picture, found);
        }

        return found;
    }
}

/// <summary>A live camera at <c>blur</c>: its snapshot, served and used as the heatmap background, shows no one.</summary>
public sealed class CameraPrivacyTests
{
    [Fact]
    public async Task BlurredCamera_SnapshotShowsNoPerson()
    {
        using var stream = new LoopbackMjpegServer();
        stream.Start();
        var settings = new Dictionary<string, string?>(CameraStreamTests.FastReconnect) { ["Privacy:DefaultLevel"] = "blur" };
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, settings);
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = await client.AddIpCameraAsync("Loopback", stream.Url);
        await client.CameraActionAsync(id, "start");
        await client.WaitForCameraAsync(id, TimeSpan.FromSeconds(60), c => c.GetProperty("state").GetString() == "online", "going online");

        using var check = PersonSearch.CreateDetector();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        int snapshots = 0;
        while (snapshots < 3 && DateTime.UtcNow < deadline)
        {
            var response = await client.Http.GetAsync($"/api/v1/cameras/{id}/frame.jpg");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using var picture = Cv2.ImDecode(await response.Content.ReadAsByteArrayAsync(), ImreadModes.Color);
                var found = new List<Detection>();
                check.Detect(picture, found);
                Assert.Empty(found);
                snapshots++;
            }

            await Task.Delay(700);
        }

        Assert.Equal(3, snapshots);
        Assert.Equal("blur", (await client.GetCameraAsync(id)).GetProperty("privacyLevel").GetString());
        await client.CameraActionAsync(id, "stop");
    }
}

/// <summary>
/// A live camera at <c>counts-only</c>: it counts, but the only picture it ever serves or keeps is the clean plate (and the
/// heatmap drawn over it); until the plate has enough samples it serves none.
/// </summary>
public sealed class CountsOnlyCameraTests
{
    [Fact]
    public async Task CountsOnlyCamera_ServesOnlyTheCleanPlate_KeepsNoOtherPicture_AndStillCounts()
    {
        using var stream = new LoopbackMjpegServer();
        stream.Start();
        var settings = new Dictionary<string, string?>(CameraStreamTests.FastReconnect)
        {
            ["Privacy:DefaultLevel"] = "counts-only",
            ["Privacy:PlateSampleSeconds"] = "2", // the first plate after 5 samples: 8 s of the stream
        };
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, settings);
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = await client.AddIpCameraAsync("Loopback", stream.Url);
        Assert.Equal(HttpStatusCode.OK, (await client.PutCameraZonesAsync(id, AnalysisHelpers.SampleZones)).StatusCode);
        await client.CameraActionAsync(id, "start");
        await client.WaitForCameraAsync(id, TimeSpan.FromSeconds(60), c => c.GetProperty("state").GetString() == "online", "going online");
        Assert.Equal("counts-only", (await client.GetCameraAsync(id)).GetProperty("privacyLevel").GetString());

        // Online at once, but no picture until the plate exists: a frame is never served instead.
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/api/v1/cameras/{id}/frame.jpg")).StatusCode);

        using var check = PersonSearch.CreateDetector();
        var deadline = DateTime.UtcNow.AddSeconds(120); // the plate needs 8 s of frames; a loaded machine delivers them slowly
        int plates = 0;
        while (plates < 3 && DateTime.UtcNow < deadline)
        {
            var response = await client.Http.GetAsync($"/api/v1/cameras/{id}/frame.jpg");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using var plate = Cv2.ImDecode(await response.Content.ReadAsByteArrayAsync(), ImreadModes.Color);
                Assert.Equal(768, plate.Width);
                var found = new List<Detection>();
                check.Detect(plate, found);
                Assert.Empty(found);
                plates++;
                await Task.Delay(2500);
            }
            else
            {
                await Task.Delay(500);
            }
        }

        Assert.Equal(3, plates);

        // The heatmap (saved every second in this test) is drawn over the plate.
        using (var heatmap = Cv2.ImDecode(await client.Http.GetByteArrayAsync($"/api/v1/cameras/{id}/heatmap.png"), ImreadModes.Color))
        {
            var found = new List<Detection>();
            check.Detect(heatmap, found);
            Assert.Empty(found);
        }

        // Counting goes on as at any level.
        string csv = await client.Http.GetStringAsync($"/api/v1/cameras/{id}/counts.csv");
        Assert.True(csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 3, csv);
        await client.CameraActionAsync(id, "stop");

        // No picture of the camera on disk apart from that heatmap.
        var pictures = factory.StoredFiles().Where(f => IsPicture(Path.Combine(factory.UploadsRoot, f))).ToList();
        Assert.Single(pictures, f => f.EndsWith(".heatmap.png", StringComparison.Ordinal));
        Assert.Single(pictures);
    }

    /// <summary>JPEG or PNG by content, whatever the name.</summary>
    private static bool IsPicture(string path)
    {
        byte[] head = new byte[4];
        using (var file = File.OpenRead(path))
        {
            file.ReadExactly(head, 0, Math.Min(4, (int)file.Length));
        }

        return (head[0] == 0xFF && head[1] == 0xD8) || (head[0] == 0x89 && head[1] == (byte)'P' && head[2] == (byte)'N' && head[3] == (byte)'G');
    }
}

/// <summary>The judge of every served picture: the default NanoDet at the score, below the counting threshold.</summary>
internal static class PersonSearch
{
    public const float Score = 0.3f;

    public static IPersonDetector CreateDetector()
    {
        var entry = ModelCatalog.Scan(Path.Combine(RepoPaths.Root, "models")).Models.Single(m => m.Name == DefaultModels.NanoDet);
        return DetectorFactory.Create(entry.WithScoreThreshold(Score), NullLogger.Instance);
    }
}
