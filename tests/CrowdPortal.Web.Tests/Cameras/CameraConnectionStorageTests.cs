using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdPortal.Web.Tests.Cameras;

/// <summary>
/// A camera's connection state is an enum in code and the same lower-case word in its row as before it was one: rows
/// written by earlier versions read back unchanged, and the model needs no migration for it.
/// </summary>
public abstract class CameraConnectionStorageTests(PortalFixture portal)
{
    public static TheoryData<string, CameraConnection, string> States => new()
    {
        { "offline", CameraConnection.Offline, "offline" },
        { "connecting", CameraConnection.Connecting, "connecting" },
        { "online", CameraConnection.Online, "online" },
        { "reconnecting", CameraConnection.Reconnecting, "reconnecting" },
    };

    [Theory]
    [MemberData(nameof(States))]
    public async Task State_IsStoredAsItsLowerCaseWord_AndReadBack(string label, CameraConnection state, string word)
    {
        long id = await AddWebcamAsync();
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();

        await db.Videos.Where(v => v.Id == id).ExecuteUpdateAsync(s => s.SetProperty(v => v.ConnectionState, state));

        Assert.Equal(word, await StoredWordAsync(db, id));
        Assert.True(state == await ReadStateAsync(db, id), label);
    }

    [Theory]
    [MemberData(nameof(States))]
    public async Task RowWrittenAsAWord_ReadsAsItsState(string label, CameraConnection state, string word)
    {
        long id = await AddWebcamAsync();
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();

        await db.Database.ExecuteSqlAsync($"UPDATE videos SET connection_state = {word} WHERE id = {id}");

        Assert.True(state == await ReadStateAsync(db, id), label);
    }

    [Fact]
    public async Task UploadWithoutAState_ReadsAsNone_AndTheModelNeedsNoMigration()
    {
        using var client = portal.Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long upload = await client.UploadSampleAsync();
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();

        Assert.Null(await ReadStateAsync(db, upload));
        Assert.False(db.Database.HasPendingModelChanges(), "the model differs from the latest migration's snapshot");
    }

    private async Task<long> AddWebcamAsync()
    {
        // A webcam runs only while a page sends it frames, so nothing else writes its state during the test.
        using var client = portal.Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        return await client.AddWebcamAsync("Desk");
    }

    private static Task<CameraConnection?> ReadStateAsync(CrowdPortalDbContext db, long id) =>
        db.Videos.AsNoTracking().Where(v => v.Id == id).Select(v => v.ConnectionState).SingleAsync();

    private static Task<string> StoredWordAsync(CrowdPortalDbContext db, long id) =>
        db.Database.SqlQuery<string>($"SELECT connection_state AS Value FROM videos WHERE id = {id}").SingleAsync();
}

public sealed class SqliteCameraConnectionStorageTests(SqlitePortal portal) : CameraConnectionStorageTests(portal), IClassFixture<SqlitePortal>;

public sealed class MariaDbCameraConnectionStorageTests(MariaDbPortal portal) : CameraConnectionStorageTests(portal), IClassFixture<MariaDbPortal>;
