using System.Net;
using System.Text.Json;
using CrowdPortal.Core.Alerts;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Notifications;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;

namespace CrowdPortal.Web.Tests.Notifications;

/// <summary>
/// E-mail channels through a real SMTP server on loopback (netDumbster, a port in 2525-2529): a test event arrives as a
/// mail, and a burst of events for one zone is folded into one mail per digest window.
/// </summary>
[Collection(SmtpTests.Name)]
public sealed class EmailChannelTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TestEvent_ArrivesAsAMail()
    {
        using var smtp = StartSmtp(out int port);
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, Settings(port, digestMinutes: "5"));
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = await CreateEmailChannelAsync(client, "ops@example.com, lead@example.com");

        Assert.Equal(HttpStatusCode.Accepted, (await client.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/channels/{id}/test")).StatusCode);
        await WaitForMailsAsync(smtp, 1);

        var mail = smtp.ReceivedEmail[0];
        Assert.Contains("[CrowdPortal]", mail.Headers["Subject"], StringComparison.Ordinal);
        Assert.Contains("ops@example.com", mail.Headers["To"], StringComparison.Ordinal);
        Assert.Contains("lead@example.com", mail.Headers["To"], StringComparison.Ordinal);
        Assert.Contains("this channel works", mail.MessageParts[0].BodyData, StringComparison.Ordinal);
        var log = Assert.Single((await client.GetJsonAsync($"/api/v1/channels/{id}/deliveries")).EnumerateArray());
        Assert.True(log.GetProperty("delivered").GetBoolean());
    }

    /// <summary>
    /// Five alert events for one zone within the digest window: the first goes out at once, the other four wait and
    /// arrive together in one mail when the window has passed; another zone's event is not held back by them.
    /// </summary>
    [Fact]
    public async Task ABurstForOneZone_IsFoldedIntoOneMailPerWindow()
    {
        using var smtp = StartSmtp(out int port);
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, Settings(port, digestMinutes: "0.25")); // 15 s
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = await CreateEmailChannelAsync(client, "ops@example.com");
        long video = await client.UploadSampleAsync();

        await AddAlertEventsAsync(factory, video, "door", 1);
        await WaitForMailsAsync(smtp, 1);
        await AddAlertEventsAsync(factory, video, "door", 4);
        await AddAlertEventsAsync(factory, video, "stage", 1);
        await WaitForMailsAsync(smtp, 2);
        // The stage's event is not held back by the door's window (netDumbster lists mails in no particular order).
        Assert.Single(Subjects(smtp), s => s.Contains("/ stage:", StringComparison.Ordinal));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(2, smtp.ReceivedEmailCount); // the door's four wait for the window

        await WaitForMailsAsync(smtp, 3);
        var folded = Assert.Single(smtp.ReceivedEmail, m => m.Headers["Subject"]!.Contains("4 events", StringComparison.Ordinal));
        Assert.Contains("/ door:", folded.Headers["Subject"], StringComparison.Ordinal);
        Assert.Equal(4, folded.MessageParts[0].BodyData.Split('\n').Count(l => l.StartsWith("- ", StringComparison.Ordinal)));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(3, smtp.ReceivedEmailCount);
        Assert.All((await client.GetJsonAsync($"/api/v1/channels/{id}/deliveries")).EnumerateArray(), d => Assert.True(d.GetProperty("delivered").GetBoolean()));
    }

    private static Dictionary<string, string?> Settings(int port, string digestMinutes) => new(WebhookDeliveryTests.Fast)
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:From"] = "CrowdPortal <crowd@example.com>",
        ["Notifications:EmailDigestMinutes"] = digestMinutes,
    };

    private static async Task<long> CreateEmailChannelAsync(PortalClient client, string to)
    {
        var response = await client.SendWithTokenAsync(HttpMethod.Post, "/api/v1/channels",
            new { kind = "email", name = "inbox", to, events = ChannelClient.AllEvents });
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>Puts alert events in the outbox the way the alert writer does (one transaction per burst).</summary>
    private static async Task AddAlertEventsAsync(PortalFactory factory, long videoId, string zone, int count)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        var events = scope.ServiceProvider.GetRequiredService<NotificationEvents>();
        var video = await db.Videos.AsNoTracking().SingleAsync(v => v.Id == videoId);
        for (int i = 0; i < count; i++)
        {
            var alert = new AlertRecord { VideoId = videoId, ZoneId = zone, Label = zone, TsStart = i, Level = AlertLevel.Warning, PeakValue = 5 + i, Unit = "people" };
            db.NotificationOutbox.Add(events.ForAlert(NotificationEventTypes.AlertStarted, EventSubject.From(video), alert));
        }

        await db.SaveChangesAsync();
    }

    private static List<string> Subjects(SimpleSmtpServer smtp) => smtp.ReceivedEmail.Select(m => m.Headers["Subject"] ?? string.Empty).ToList();

    private static async Task WaitForMailsAsync(SimpleSmtpServer smtp, int count)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (smtp.ReceivedEmailCount < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {smtp.ReceivedEmailCount} of {count} mails arrived");
            await Task.Delay(100);
        }
    }

    internal static SimpleSmtpServer StartSmtp(out int port)
    {
        for (port = 2525; port <= 2529; port++)
        {
            try
            {
                return SimpleSmtpServer.Start(port);
            }
            catch (System.Net.Sockets.SocketException)
            {
                // Taken: the next.
            }
        }

        throw new InvalidOperationException("No free port in 2525-2529 for the test SMTP server.");
    }
}
