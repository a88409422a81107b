using System.Diagnostics;
using System.Text.Json;
using CrowdPortal.Tests.Shared;

namespace CrowdPortal.Web.Tests;

/// <summary>
/// docker-compose.yml cannot be started here (no Docker engine), so it is checked as far as it can be: Debian's
/// docker-compose validates and normalises it, and every setting it gives the app is one the app really reads.
/// </summary>
public sealed class DeploymentFileTests
{
    [Theory]
    [InlineData("web")]
    [InlineData("worker")]
    public void DockerCompose_IsValid_AndItsAppSettingsAreOnesTheAppReads(string service)
    {
        string config = RunDockerComposeConfig();
        var appEnvironment = SectionLines(SectionLines(SectionLines(config, "services:"), $"  {service}:"), "    environment:")
            .Select(line => line.Split(':', 2)[0].Trim())
            .ToList();

        Assert.Contains("Database__Provider", appEnvironment);
        Assert.Contains("ConnectionStrings__MySql", appEnvironment);
        Assert.Contains("ConnectionStrings__Redis", appEnvironment);
        Assert.Contains("Cluster__Role", appEnvironment);
        var known = AppSettingKeys();
        foreach (string variable in appEnvironment.Where(v => !v.StartsWith("ASPNETCORE_", StringComparison.Ordinal)))
        {
            Assert.Contains(variable.Replace("__", ":"), known);
        }
    }

    [Fact]
    public void DockerCompose_MySqlAndRedisHaveHealthChecks_AndTheNodesWaitForThem()
    {
        string config = RunDockerComposeConfig();
        var services = SectionLines(config, "services:");

        Assert.NotEmpty(SectionLines(SectionLines(services, "  mysql:"), "    healthcheck:"));
        Assert.NotEmpty(SectionLines(SectionLines(services, "  redis:"), "    healthcheck:"));
        Assert.Contains(SectionLines(services, "  mysql:"), l => l.Trim().StartsWith("image: mysql:8", StringComparison.Ordinal));
        foreach (string node in new[] { "  web:", "  worker:" })
        {
            var dependsOn = SectionLines(SectionLines(services, node), "    depends_on:");
            Assert.Equal(2, dependsOn.Count(l => l.Trim() == "condition: service_healthy"));
        }
    }

    [Fact]
    public void DockerCompose_WorkersScale_AndShareTheUploadsVolumeWithTheWebNode()
    {
        string config = RunDockerComposeConfig();
        var services = SectionLines(config, "services:");
        var web = SectionLines(services, "  web:");
        var worker = SectionLines(services, "  worker:");

        // A published host port would make `docker compose up --scale worker=3` fail on the second replica.
        Assert.Empty(SectionLines(worker, "    ports:"));
        Assert.Contains(SectionLines(web, "    environment:"), l => l.Trim() == "Cluster__Role: web");
        Assert.Contains(SectionLines(worker, "    environment:"), l => l.Trim() == "Cluster__Role: worker");
        Assert.Contains(SectionLines(web, "    volumes:"), l => l.Trim() == "- uploads:/data/uploads:rw");
        Assert.Contains(SectionLines(worker, "    volumes:"), l => l.Trim() == "- uploads:/data/uploads:rw");
    }

    private static string RunDockerComposeConfig()
    {
        var start = new ProcessStartInfo("docker-compose")
        {
            ArgumentList = { "-f", Path.Combine(RepoPaths.Root, "docker-compose.yml"), "config" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        start.Environment["MYSQL_PASSWORD"] = "test-password";
        start.Environment["MYSQL_ROOT_PASSWORD"] = "test-root-password";
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "docker-compose config failed: " + error);
        return output;
    }

    /// <summary>
    /// The lines under <paramref name="header"/>, matched with its indentation (docker-compose prints normalised YAML
    /// indented by two spaces a level), up to the next line at the header's level.
    /// </summary>
    private static List<string> SectionLines(IEnumerable<string> lines, string header)
    {
        var result = new List<string>();
        int indent = -1;
        foreach (string line in lines)
        {
            int lineIndent = line.Length - line.TrimStart().Length;
            if (indent < 0)
            {
                if (line.TrimEnd() == header)
                {
                    indent = lineIndent;
                }

                continue;
            }

            if (line.Trim().Length > 0 && lineIndent <= indent && !line.TrimStart().StartsWith('-'))
            {
                break;
            }

            result.Add(line);
        }

        return result;
    }

    private static List<string> SectionLines(string text, string header) => SectionLines(text.Split('\n'), header);

    /// <summary>Every setting key in the app's appsettings.json, as "Section:Key".</summary>
    private static HashSet<string> AppSettingKeys()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "CrowdPortal.Web", "appsettings.json")));
        var keys = new HashSet<string>();
        void Walk(JsonElement element, string prefix)
        {
            foreach (var property in element.EnumerateObject())
            {
                string key = prefix.Length == 0 ? property.Name : prefix + ":" + property.Name;
                keys.Add(key);
                if (property.Value.ValueKind == JsonValueKind.Object)
                {
                    Walk(property.Value, key);
                }
            }
        }

        Walk(json.RootElement, string.Empty);
        return keys;
    }
}
