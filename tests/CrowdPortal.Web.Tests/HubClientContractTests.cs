using System.Text.RegularExpressions;
using CrowdPortal.Tests.Shared;
using CrowdPortal.Web.Hubs;

namespace CrowdPortal.Web.Tests;

/// <summary>
/// The pages listen to the hubs by exactly the names the server calls: the interfaces <see cref="IAnalysisClient"/>
/// and <see cref="IWebcamClient"/> write each name once, <c>wwwroot/js/hub-events.js</c> mirrors them, and every
/// page's <c>connection.on(…)</c> goes through that module. A renamed, added or dropped client method fails here
/// instead of leaving a page silently deaf.
/// </summary>
public sealed partial class HubClientContractTests
{
    private static readonly string ScriptsDir = Path.Combine(RepoPaths.Root, "src", "CrowdPortal.Web", "wwwroot", "js");

    private static readonly Dictionary<string, Type> ClientOf = new()
    {
        ["analysisEvents"] = typeof(IAnalysisClient),
        ["webcamEvents"] = typeof(IWebcamClient),
    };

    public static TheoryData<string> EventObjects => new(ClientOf.Keys);

    [Theory]
    [MemberData(nameof(EventObjects))]
    public void HubEventsModule_NamesExactlyTheClientInterfacesMethods(string eventObject)
    {
        var names = ModuleObjects()[eventObject].Values.ToList();

        Assert.Equal(MethodNames(ClientOf[eventObject]), names.Order(StringComparer.Ordinal));
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(EventObjects))]
    public void Pages_ListenToEveryClientMethod_AndToNothingElse(string eventObject)
    {
        var objects = ModuleObjects();
        var listened = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (file, argument) in ConnectionListeners())
        {
            var match = ModuleConstant().Match(argument);
            Assert.True(match.Success, $"{file}: connection.on({argument}, …) names an event by hand; use hub-events.js.");
            Assert.True(objects.TryGetValue(match.Groups["object"].Value, out var names), $"{file}: {argument} is not in hub-events.js.");
            Assert.True(names.TryGetValue(match.Groups["key"].Value, out string? name), $"{file}: {argument} is not in hub-events.js.");
            if (match.Groups["object"].Value == eventObject)
            {
                listened.Add(name);
            }
        }

        Assert.Equal(MethodNames(ClientOf[eventObject]), listened);
    }

    [Fact]
    public void EveryPageThatOpensAHub_ListensThroughConnectionOn()
    {
        // The listener scan above reads connection.on(…); a page that named its connection otherwise would escape it.
        foreach (string file in Directory.EnumerateFiles(ScriptsDir, "*.js"))
        {
            string text = File.ReadAllText(file);
            if (text.Contains("hubConnection(", StringComparison.Ordinal) && !file.EndsWith("portal.js", StringComparison.Ordinal))
            {
                Assert.Contains("connection.on(", text, StringComparison.Ordinal);
                Assert.DoesNotMatch(@"\b(?!connection\b)\w+\.on\(\s*(analysisEvents|webcamEvents)\.", text);
            }
        }
    }

    private static string[] MethodNames(Type client) =>
        client.GetMethods().Select(m => m.Name).Order(StringComparer.Ordinal).ToArray();

    /// <summary>hub-events.js's frozen objects: name → (key → the wire name).</summary>
    private static Dictionary<string, Dictionary<string, string>> ModuleObjects()
    {
        string text = File.ReadAllText(Path.Combine(ScriptsDir, "hub-events.js"));
        var objects = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (Match block in FrozenObject().Matches(text))
        {
            objects[block.Groups["name"].Value] = Entry().Matches(block.Groups["body"].Value)
                .ToDictionary(e => e.Groups["key"].Value, e => e.Groups["value"].Value, StringComparer.Ordinal);
        }

        Assert.Equal(ClientOf.Keys.Order(StringComparer.Ordinal), objects.Keys.Order(StringComparer.Ordinal));
        return objects;
    }

    private static IEnumerable<(string File, string Argument)> ConnectionListeners()
    {
        foreach (string file in Directory.EnumerateFiles(ScriptsDir, "*.js"))
        {
            foreach (Match call in ConnectionOn().Matches(File.ReadAllText(file)))
            {
                yield return (Path.GetFileName(file), call.Groups["argument"].Value.Trim());
            }
        }
    }

    [GeneratedRegex(@"export const (?<name>\w+) = Object\.freeze\(\{(?<body>[^}]*)\}\)")]
    private static partial Regex FrozenObject();

    [GeneratedRegex(@"(?<key>\w+):\s*'(?<value>[^']*)'")]
    private static partial Regex Entry();

    [GeneratedRegex(@"\bconnection\.on\((?<argument>[^,)]+),")]
    private static partial Regex ConnectionOn();

    [GeneratedRegex(@"^(?<object>\w+)\.(?<key>\w+)$")]
    private static partial Regex ModuleConstant();
}
