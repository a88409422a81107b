using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CrowdPortal.Tests.Shared;
using CrowdPortal.Web.Tests.Infrastructure;

namespace CrowdPortal.Web.Tests;

/// <summary>
/// <c>/openapi/v1.json</c> is a description clients can be generated from: Redocly's recommended rules (npm
/// <c>@redocly/cli</c>) find no error and no warning, and the facts a client relies on are in it.
/// </summary>
public sealed class OpenApiContractTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    [Fact]
    public async Task OpenApiDocument_PassesRedoclyRecommended_WithNoErrorOrWarning()
    {
        string file = Path.Combine(portal.Factory.WorkDir, "openapi.json");
        await File.WriteAllTextAsync(file, await DocumentTextAsync());
        string cli = Path.Combine(RepoPaths.Root, "node_modules", "@redocly", "cli", "bin", "cli.js");
        Assert.True(File.Exists(cli), $"{cli} missing: run npm ci (scripts/setup.sh does).");

        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        foreach (string argument in (string[])[cli, "lint", file, "--extends=recommended", "--format=stylish", "--max-problems=200"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string report = output + await errors;

        Assert.True(process.ExitCode == 0, "redocly lint failed:\n" + report);
        Assert.Contains("valid", report, StringComparison.Ordinal);
        // Stylish lines are "line:column  warning  rule"; Node's own deprecation banner is not a finding.
        Assert.DoesNotMatch(@"\d+:\d+\s+(warning|error)\s", report);
    }

    [Fact]
    public async Task EveryOperation_HasASummary_AUniqueOperationId_Security_AndA401()
    {
        using var document = JsonDocument.Parse(await DocumentTextAsync());
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Name: $"{op.Name.ToUpperInvariant()} {path.Name}", Op: op.Value)))
            .ToList();

        Assert.True(operations.Count >= 30, $"only {operations.Count} operations");
        Assert.Equal(operations.Count, operations.Select(o => o.Op.GetProperty("operationId").GetString()).Distinct().Count());
        foreach (var (name, op) in operations)
        {
            Assert.False(string.IsNullOrWhiteSpace(op.GetProperty("summary").GetString()), name);
            Assert.True(op.GetProperty("security").GetArrayLength() == 2, name);
            Assert.True(op.GetProperty("responses").TryGetProperty("401", out _), name);
        }

        var schemes = document.RootElement.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("apiToken").GetProperty("scheme").GetString());
        Assert.Equal("cookie", schemes.GetProperty("loginCookie").GetProperty("in").GetString());
        var upload = document.RootElement.GetProperty("paths").GetProperty("/api/v1/videos").GetProperty("post").GetProperty("responses");
        Assert.True(upload.TryGetProperty("413", out _), "upload documents its 413");
    }

    private async Task<string> DocumentTextAsync()
    {
        using var client = portal.Factory.CreatePortalClient();
        var response = await client.Http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
