using CrowdPortal.Web.Cameras;

namespace CrowdPortal.Web.Tests.Cameras;

/// <summary>Which stream URLs are accepted, and what of them may be shown.</summary>
public sealed class CameraUrlTests
{
    [Theory]
    [InlineData("empty", "", null)]
    [InlineData("rtsp with user and password", "rtsp://admin:pw@10.0.0.5:554/stream1", "rtsp://***@10.0.0.5:554/stream1")]
    [InlineData("user only", "rtsps://admin@cam.example/live", "rtsps://***@cam.example/live")]
    [InlineData("token in the query", "https://cam.example/video.mjpg?auth=abc", "https://cam.example/video.mjpg?***")]
    [InlineData("nothing secret", "http://127.0.0.1:8080/live.mjpeg", "http://127.0.0.1:8080/live.mjpeg")]
    [InlineData("rtmp is not offered", "rtmp://cam.example/live", null)]
    [InlineData("javascript", "javascript:alert(1)", null)]
    [InlineData("no host", "http:///path", null)]
    public void Validate_AcceptsStreamUrls_AndRedactsCredentials(string label, string url, string? redacted)
    {
        string? error = CameraUrl.Validate(url, out var uri);

        if (redacted is null)
        {
            Assert.True(error is not null, label);
        }
        else
        {
            Assert.True(error is null, $"{label}: {error}");
            Assert.Equal(redacted, CameraUrl.Redact(uri!));
        }
    }

    [Theory]
    [InlineData("empty", "", "")]
    [InlineData("ffmpeg naming the input", "rtsp://admin:pw@10.0.0.5/s1: Connection refused", "rtsp://***@10.0.0.5/s1: Connection refused")]
    [InlineData("another url with credentials", "redirected to http://u:p@other.host/x", "redirected to http://***@other.host/x")]
    [InlineData("nothing secret", "no frame for 10 s", "no frame for 10 s")]
    public void RedactIn_HidesTheUrlAndAnyCredentialsInAMessage(string label, string message, string expected)
    {
        Assert.True(expected == CameraUrl.RedactIn(message, "rtsp://admin:pw@10.0.0.5/s1", "rtsp://***@10.0.0.5/s1"), label);
    }
}
