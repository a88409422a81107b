using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrowdPortal.Data;
using CrowdPortal.Web.Tests.Cameras;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdPortal.Web.Tests;

/// <summary>
/// Three accounts with real data (an analysed upload with zones, a webcam camera with zones, an API token): one exports
/// its data, one deletes its account, one is a bystander whose data must stay untouched.
/// </summary>
public abstract class AccountsWithData(TestDatabaseKind kind) : IAsyncLifetime
{
    public PortalFactory Factory { get; private set; } = null!;

    public Account Exporter { get; private set; } = null!;

    public Account Leaver { get; private set; } = null!;

    public Account Bystander { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Every 5th frame is enough to store counts and alerts; the export and the erasure are what is under test.
        Factory = new PortalFactory(kind, new Dictionary<string, string?> { ["Analysis:FrameStride"] = "5" });
        Exporter = await Account.CreateAsync(Factory);
        Leaver = await Account.CreateAsync(Factory);
        Bystander = await Account.CreateAsync(Factory);
    }

    public Task DisposeAsync()
    {
        foreach (var account in new[] { Exporter, Leaver, Bystander })
        {
            account?.Client.Dispose();
        }

        Factory.Dispose();
        return Task.CompletedTask;
    }

    public sealed record Account(PortalClient Client, string Name, string Id, long VideoId, long CameraId, string Token)
    {
        public static async Task<Account> CreateAsync(PortalFactory factory)
        {
            var client = factory.CreatePortalClient();
            string name = await client.RegisterNewUserAsync();
            string token = await client.CreateApiTokenAsync("export-test");
            long video = await client.UploadSampleAsync();
            Assert.Equal(HttpStatusCode.OK, (await client.PutZonesAsync(video, AnalysisHelpers.SampleZones)).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, (await client.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/videos/{video}/analysis")).StatusCode);
            await client.WaitForStatusAsync(video, TimeSpan.FromMinutes(5), "completed");
            long camera = await client.AddWebcamAsync("Entrance webcam");
            Assert.Equal(HttpStatusCode.OK, (await client.PutCameraZonesAsync(camera, AnalysisHelpers.SampleZones)).StatusCode);

            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
            string id = (await db.Users.SingleAsync(u => u.UserName == name)).Id;
            return new Account(client, name, id, video, camera, token);
        }
    }
}

public sealed class SqliteAccountsWithData() : AccountsWithData(TestDatabaseKind.Sqlite);

public sealed class MariaDbAccountsWithData() : AccountsWithData(TestDatabaseKind.MariaDb);

public abstract class PersonalDataTests(AccountsWithData data)
{
    [Fact]
    public async Task Export_IsAZipWhoseFilesParseAndMatchTheApi()
    {
        var user = data.Exporter;
        var response = await user.Client.Http.GetAsync("/Settings/Export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        string Text(string name) => new StreamReader(zip.GetEntry(name)?.Open() ?? throw new Xunit.Sdk.XunitException($"{name} is missing from the zip")).ReadToEnd();

        var account = JsonDocument.Parse(Text("account.json")).RootElement;
        Assert.Equal(user.Name, account.GetProperty("userName").GetString());
        var token = Assert.Single(account.GetProperty("apiTokens").EnumerateArray());
        Assert.Equal("export-test", token.GetProperty("name").GetString());
        Assert.DoesNotContain("hash", token.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(user.Token, Text("account.json"));

        var video = Assert.Single(JsonDocument.Parse(Text("videos.json")).RootElement.EnumerateArray());
        Assert.Equal(user.VideoId, video.GetProperty("id").GetInt64());
        var camera = Assert.Single(JsonDocument.Parse(Text("cameras.json")).RootElement.EnumerateArray());
        Assert.Equal("Entrance webcam", camera.GetProperty("name").GetString());
        Assert.False(camera.TryGetProperty("url", out _));

        foreach (var (folder, api) in new[] { ($"video-{user.VideoId}/", $"/api/v1/videos/{user.VideoId}"), ($"camera-{user.CameraId}/", $"/api/v1/cameras/{user.CameraId}") })
        {
            Assert.Equal(Normalised(await user.Client.Http.GetStringAsync(api + "/zones")), Normalised(Text(folder + "zones.json")));
            Assert.Equal(await user.Client.Http.GetStringAsync(api + "/counts.csv"), Text(folder + "counts.csv"));
            Assert.Equal(Normalised(await user.Client.Http.GetStringAsync(api + "/alerts")), Normalised(Text(folder + "alerts.json")));
        }

        // The analysis stored samples and alerts, so the comparison above compared real content.
        Assert.True(Text($"video-{user.VideoId}/counts.csv").Split('\n').Length > 10);
        Assert.NotEmpty(JsonDocument.Parse(Text($"video-{user.VideoId}/alerts.json")).RootElement.EnumerateArray());
        Assert.Equal(3 + 2 * 3, zip.Entries.Count); // account, videos, cameras; three files per video or camera
    }

    [Fact]
    public async Task Export_HoldsNothingOfAnotherUser()
    {
        var response = await data.Bystander.Client.Http.GetAsync("/api/v1/me/export");
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.DoesNotContain(zip.Entries, e => e.FullName.Contains($"-{data.Exporter.VideoId}/") || e.FullName.Contains($"-{data.Exporter.CameraId}/"));
        string all = string.Concat(zip.Entries.Select(e => new StreamReader(e.Open()).ReadToEnd()));
        Assert.DoesNotContain(data.Exporter.Name, all);
    }

    [Fact]
    public async Task DeleteMyAccount_RemovesEveryRowAndFile_AndLeavesOthersUntouched()
    {
        var user = data.Leaver;
        var bystanderRowsBefore = await RowsMentioningAsync(data.Bystander);
        var bystanderFilesBefore = FilesOf(data.Bystander);
        Assert.NotEmpty(await RowsMentioningAsync(user));
        Assert.NotEmpty(FilesOf(user));

        // A wrong password deletes nothing; an API token alone cannot delete the account either.
        var wrong = await user.Client.PostFormAsync("/Settings/DeleteAccount", new Dictionary<string, string> { ["DeleteAccount.Password"] = "not my password" }, "/Settings");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("The password is wrong; nothing was deleted.", await wrong.Content.ReadAsStringAsync());
        using (var bearer = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/me") { Content = new StringContent("{}", Encoding.UTF8, "application/json") })
        {
            bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
            using var anonymous = data.Factory.CreateClient();
            Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.SendAsync(bearer)).StatusCode);
        }

        Assert.NotEmpty(FilesOf(user));
        string cookie = user.Client.CookieHeader;

        var deleted = await user.Client.PostFormAsync("/Settings/DeleteAccount", new Dictionary<string, string> { ["DeleteAccount.Password"] = PortalClient.DefaultPassword }, "/Settings");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Contains("deleted=", deleted.Headers.Location!.OriginalString);

        Assert.Empty(await RowsMentioningAsync(user));
        Assert.Empty(FilesOf(user));
        Assert.False(Directory.Exists(Path.Combine(data.Factory.UploadsRoot, user.Id)));
        Assert.Equal(bystanderRowsBefore, await RowsMentioningAsync(data.Bystander));
        Assert.Equal(bystanderFilesBefore, FilesOf(data.Bystander));

        // The old session and the token are dead, and the name can sign in no more.
        using (var replay = new HttpRequestMessage(HttpMethod.Get, "/api/v1/videos"))
        {
            replay.Headers.Add("Cookie", cookie);
            using var other = data.Factory.CreateClient(new() { AllowAutoRedirect = false });
            Assert.Equal(HttpStatusCode.Unauthorized, (await other.SendAsync(replay)).StatusCode);
        }

        using var fresh = data.Factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.OK, (await fresh.LoginAsync(user.Name)).StatusCode);
    }

    /// <summary>
    /// Every row of every table that names the account: a text column holding its id or name, or a video_id column
    /// pointing at one of its videos or cameras. Read through the model, so a table added later is covered too.
    /// </summary>
    private async Task<List<string>> RowsMentioningAsync(AccountsWithData.Account user)
    {
        using var scope = data.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        var sql = db.GetService<ISqlGenerationHelper>();
        var found = new List<string>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            string table = entity.GetTableName()!;
            foreach (var property in entity.GetProperties())
            {
                string column = property.GetColumnName();
                string? condition = property.ClrType == typeof(string)
                    ? $"{sql.DelimitIdentifier(column)} LIKE @id OR {sql.DelimitIdentifier(column)} = @name"
                    : column == "video_id" ? $"{sql.DelimitIdentifier(column)} IN ({user.VideoId}, {user.CameraId})" : null;
                if (condition is null)
                {
                    continue;
                }

                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM {sql.DelimitIdentifier(table)} WHERE {condition}";
                AddParameter(command, "@id", "%" + user.Id + "%");
                AddParameter(command, "@name", user.Name);
                long count = Convert.ToInt64(await command.ExecuteScalarAsync());
                if (count > 0)
                {
                    found.Add($"{table}.{column}: {count}");
                }
            }
        }

        return found;
    }

    private static void AddParameter(System.Data.Common.DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private List<string> FilesOf(AccountsWithData.Account user) =>
        data.Factory.StoredFiles().Where(f => f.StartsWith(user.Id + Path.DirectorySeparatorChar, StringComparison.Ordinal)).Order().ToList();

    private static string Normalised(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
}

public sealed class SqlitePersonalDataTests(SqliteAccountsWithData data) : PersonalDataTests(data), IClassFixture<SqliteAccountsWithData>;

public sealed class MariaDbPersonalDataTests(MariaDbAccountsWithData data) : PersonalDataTests(data), IClassFixture<MariaDbAccountsWithData>;
