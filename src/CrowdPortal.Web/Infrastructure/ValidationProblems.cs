using System.Collections;
using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CrowdPortal.Web.Infrastructure;

/// <summary>
/// 400 answers as <see cref="ValidationProblemDetails"/>: <c>errors</c> maps where each problem is (a JSON path of the
/// body such as <c>$[0].warning</c>, or a parameter name) to sentences a user can act on. The framework's own binding
/// errors are rewritten into such sentences ("$[0].warning: must be a number.") instead of the JSON reader's messages,
/// which name .NET types and byte positions.
/// </summary>
internal static partial class ValidationProblems
{
    private const string NotConvertible = "The JSON value could not be converted to";

    public static ObjectResult Create(HttpContext context, string title, IReadOnlyDictionary<string, string[]> errors)
    {
        var problem = new ValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = title,
            Detail = string.Join(" ", errors.Values.SelectMany(m => m)),
        };
        problem.Extensions["traceId"] = context.TraceIdentifier;
        return new ObjectResult(problem) { StatusCode = StatusCodes.Status400BadRequest, ContentTypes = { "application/problem+json" } };
    }

    /// <summary>The <c>InvalidModelStateResponseFactory</c> of every <c>[ApiController]</c>.</summary>
    public static IActionResult FromModelState(ActionContext context)
    {
        var body = context.ActionDescriptor.Parameters.FirstOrDefault(p => p.BindingInfo?.BindingSource == BindingSource.Body);
        bool jsonErrors = context.ModelState.Keys.Any(k => k.StartsWith('$'));
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, entry) in context.ModelState)
        {
            // When the body could not be read, the framework also reports its parameter as "required": noise beside the real reason.
            if (entry.Errors.Count == 0 || (jsonErrors && body is not null && key == body.Name))
            {
                continue;
            }

            foreach (ModelError error in entry.Errors)
            {
                // Invalid JSON is a problem of the whole body, wherever the reader stopped.
                string place = key.StartsWith('$') && !error.ErrorMessage.StartsWith(NotConvertible, StringComparison.Ordinal) ? "$" : key;
                errors[place] = [.. errors.GetValueOrDefault(place, []), Sentence(key, error, body?.ParameterType)];
            }
        }

        return Create(context.HttpContext, "The request is invalid", errors);
    }

    private static string Sentence(string key, ModelError error, Type? bodyType)
    {
        string message = error.ErrorMessage;
        if (!key.StartsWith('$'))
        {
            return message.Length > 0 ? message : $"{key} is invalid.";
        }

        string where = key == "$" ? "The request body" : key;
        if (message.StartsWith(NotConvertible, StringComparison.Ordinal) && bodyType is not null && TypeAt(bodyType, key) is { } expected)
        {
            return $"{where}: must be {Describe(expected)}.";
        }

        // A syntax error: the reader's own sentence, without its byte positions.
        int cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return $"The request body is not valid JSON: {(cut > 0 ? message[..cut] : message)}";
    }

    /// <summary>The .NET type a JSON path of the body lands on (<c>$[0].points[1]</c>), or null when it cannot be followed.</summary>
    private static Type? TypeAt(Type root, string path)
    {
        Type? current = root;
        foreach (Match step in PathStep().Matches(path))
        {
            if (current is null)
            {
                return null;
            }

            current = Nullable.GetUnderlyingType(current) ?? current;
            current = step.Groups["index"].Success ? ElementType(current) : PropertyType(current, step.Groups["name"].Value);
        }

        return current;
    }

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static Type? PropertyType(Type type, string jsonName) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(p => string.Equals(p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Name, jsonName, StringComparison.OrdinalIgnoreCase))
            ?.PropertyType;

    private static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            var names = type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(f => "\"" + (f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? JsonNamingPolicyName(f.Name)) + "\"");
            return "one of " + string.Join(", ", names);
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.String => "a string",
            TypeCode.Boolean => "true or false",
            TypeCode.Byte or TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 => "a whole number",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number",
            _ when typeof(IEnumerable).IsAssignableFrom(type) => "an array",
            _ => "an object",
        };
    }

    private static string JsonNamingPolicyName(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);

    [GeneratedRegex(@"\[(?<index>\d+)\]|\.(?<name>[A-Za-z0-9_]+)|\['(?<name>[^']+)'\]")]
    private static partial Regex PathStep();
}
