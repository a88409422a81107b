using System.Text.Json;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Notifications;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Tests.Notifications;

/// <summary>A camera.online / camera.offline message names the camera's state with the same lower-case word as the API.</summary>
public sealed class CameraEventBodyTests
{
    [Theory]
    [InlineData(CameraConnection.Offline, "offline")]
    [InlineData(CameraConnection.Connecting, "connecting")]
    [InlineData(CameraConnection.Online, "online")]
    [InlineData(CameraConnection.Reconnecting, "reconnecting")]
    public void CameraEvent_NamesTheStateAsItsLowerCaseWord(CameraConnection state, string word)
    {
        var events = new NotificationEvents(Options.Create(new NotificationSettings()), TimeProvider.System);

        var row = events.ForCamera(NotificationEventTypes.CameraOffline, new EventSubject(7, "user", "Gate", VideoSourceKind.Camera), state);

        using var body = JsonDocument.Parse(row.Body);
        Assert.Equal(word, body.RootElement.GetProperty("data").GetProperty("state").GetString());
    }
}
