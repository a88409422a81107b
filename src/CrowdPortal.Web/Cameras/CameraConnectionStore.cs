using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Cameras;

/// <summary>
/// Stores a camera's connection state on its row and, when that crosses between online and not online, puts
/// <c>camera.online</c> or <c>camera.offline</c> in the notification outbox in the same transaction. A camera that never
/// came online (connecting, then reconnecting) raises no event: it was never reported up.
/// </summary>
public sealed class CameraConnectionStore(NotificationEvents events)
{
    /// <summary>Saves <paramref name="connection"/>; <paramref name="alsoUpdate"/> runs inside the same transaction.</summary>
    public async Task SaveAsync(CrowdPortalDbContext db, long cameraId, CameraConnection connection, Func<CrowdPortalDbContext, Task>? alsoUpdate = null)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var before = await db.Videos.AsNoTracking().FirstOrDefaultAsync(v => v.Id == cameraId);
        if (before is null)
        {
            return;
        }

        await db.Videos.Where(v => v.Id == cameraId).ExecuteUpdateAsync(s => s.SetProperty(v => v.ConnectionState, connection));
        if (alsoUpdate is not null)
        {
            await alsoUpdate(db);
        }

        if (EventFor(before.ConnectionState, connection) is { } type)
        {
            db.NotificationOutbox.Add(events.ForCamera(type, EventSubject.From(before), connection));
            await db.SaveChangesAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>The event a change of stored state raises, if any.</summary>
    public static string? EventFor(CameraConnection? before, CameraConnection after)
    {
        bool wasOnline = before == CameraConnection.Online;
        bool isOnline = after == CameraConnection.Online;
        return wasOnline == isOnline ? null : isOnline ? NotificationEventTypes.CameraOnline : NotificationEventTypes.CameraOffline;
    }
}
