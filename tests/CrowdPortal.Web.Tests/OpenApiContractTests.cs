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

    [Fact]
    public async Task ZonesPut_TakesTypedZones_AndNamesEachProblemInAValidationProblem()
    {
        using var document = JsonDocument.Parse(await DocumentTextAsync());
        var root = document.RootElement;
        var put = root.GetProperty("paths").GetProperty("/api/v1/videos/{id}/zones").GetProperty("put");

        var body = Resolve(root, put.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        Assert.Equal("array", body.GetProperty("type").GetString());
        var zone = Resolve(root, body.GetProperty("items"));
        Assert.Equal(new[] { "label", "points", "zoneId" }, zone.GetProperty("required").EnumerateArray().Select(r => r.GetString()!).Order(StringComparer.Ordinal));
        var fields = zone.GetProperty("properties");
        foreach (string field in (string[])["zoneId", "label", "kind", "points", "warning", "critical", "areaM2", "colour", "anchor", "inertia"])
        {
            Assert.True(fields.TryGetProperty(field, out var property), $"ZoneDto lacks {field}");
            // A nullable reference keeps its description beside the $ref, inside oneOf.
            var described = property.TryGetProperty("oneOf", out var branches) ? branches.EnumerateArray().Append(property) : [property];
            Assert.True(described.Any(d => d.TryGetProperty("description", out var text) && !string.IsNullOrWhiteSpace(text.GetString())), $"{field} is not described");
        }

        Assert.Equal(new[] { "line", "mask", "polygon" }, EnumValues(root, fields.GetProperty("kind")));
        Assert.Equal(new[] { "bottom-center", "center", "top-center" }, EnumValues(root, fields.GetProperty("anchor")));
        var refused = Resolve(root, put.GetProperty("responses").GetProperty("400").GetProperty("content").GetProperty("application/problem+json").GetProperty("schema"));
        Assert.True(refused.GetProperty("properties").TryGetProperty("errors", out _), "the 400 is a ValidationProblemDetails with errors");
        var get = root.GetProperty("paths").GetProperty("/api/v1/videos/{id}/zones").GetProperty("get");
        Assert.Equal("array", Resolve(root, get.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema")).GetProperty("type").GetString());
    }

    [Fact]
    public async Task CameraState_IsAnEnumOfItsLowerCaseWords_InTheCameraAndTheSystemStatus()
    {
        using var document = JsonDocument.Parse(await DocumentTextAsync());
        var root = document.RootElement;
        var camera = Resolve(root, OkSchema(root, "/api/v1/cameras/{id}"));
        var status = Resolve(root, OkSchema(root, "/api/v1/admin/status"));
        var health = Resolve(root, Resolve(root, status.GetProperty("properties").GetProperty("cameras")).GetProperty("items"));
        string[] states = ["connecting", "offline", "online", "reconnecting"];

        Assert.Equal(states, EnumValues(root, camera.GetProperty("properties").GetProperty("state")));
        Assert.Equal(states, EnumValues(root, health.GetProperty("properties").GetProperty("state")));
        Assert.Equal(new[] { "camera", "upload", "webcam" }, EnumValues(root, camera.GetProperty("properties").GetProperty("kind")));
    }

    private static JsonElement OkSchema(JsonElement root, string path) =>
        root.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");

    /// <summary>A schema, following <c>$ref</c> to its component.</summary>
    private static JsonElement Resolve(JsonElement root, JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            schema = root.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!["#/components/schemas/".Length..]);
        }

        return schema;
    }

    /// <summary>The string values an enum schema allows, wherever the nullable wrapping put them (sorted; null left out).</summary>
    private static string[] EnumValues(JsonElement root, JsonElement schema)
    {
        schema = Resolve(root, schema);
        var values = new List<string>();
        if (schema.TryGetProperty("enum", out var list))
        {
            values.AddRange(list.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!));
        }

        foreach (string combinator in (string[])["oneOf", "anyOf", "allOf"])
        {
            if (schema.TryGetProperty(combinator, out var parts))
            {
                values.AddRange(parts.EnumerateArray().SelectMany(p => EnumValues(root, p)));
            }
        }

        return [.. values.Order(StringComparer.Ordinal)];
    }

    private async Task<string> DocumentTextAsync()
    {
        using var client = portal.Factory.CreatePortalClient();
        var response = await client.Http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
