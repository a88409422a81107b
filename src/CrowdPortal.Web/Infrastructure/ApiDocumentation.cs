using System.Globalization;
using CrowdPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CrowdPortal.Web.Infrastructure;

/// <summary>
/// The OpenAPI description at <c>/openapi/v1.json</c>, complete enough to generate clients from and lint-clean under
/// Redocly's recommended rules: an operationId and the security each operation accepts (API token, or login cookie
/// plus the antiforgery header for state changes), the ProblemDetails answers it can give, and described tags.
/// Summaries come from each action's <see cref="EndpointSummaryAttribute"/>.
/// </summary>
internal static class ApiDocumentation
{
    public const string TokenScheme = "apiToken";
    public const string CookieScheme = "loginCookie";
    public const string AntiforgeryScheme = "antiforgeryHeader";
    /// <summary>Where the readable API reference is (Swagger UI, linked from Settings).</summary>
    public const string ReferencePath = "/api-reference";
    private const string ProblemSchema = "ProblemDetails";
    private const string ValidationProblemSchema = "ValidationProblemDetails";
    private const string ProblemJson = "application/problem+json";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["AdminApi"] = "Installation health for the administrator: every account's cameras and the analysis queue.",
        ["AlertsApi"] = "Alerts across your videos and cameras: periods a zone spent at warning or critical level.",
        ["AccountDataApi"] = "Your own data: export it all as a zip, or delete your account with everything of it.",
        ["AnalysisApi"] = "Starting and cancelling a video's analysis, and the detectors it can use.",
        ["ChannelsApi"] = "Notification channels: signed webhooks that receive alert, camera and analysis events, with their delivery logs.",
        ["CamerasApi"] = "IP cameras (analysed on the server) and browser webcams.",
        ["PrivacyApi"] = "A video's or camera's privacy level (off, blur, counts-only) and an upload's footage retention.",
        ["FarAreaApi"] = "The far area of a video or camera: a rectangle of the picture where people are small, also detected enlarged on every frame.",
        ["TilingApi"] = "Whether a video or camera is also detected in overlapping tiles (off, auto, on), for small, far people.",
        ["ResultsApi"] = "What an analysis stored for a video or camera: counts, CSV, alerts, heatmap and tracks.",
        ["VideosApi"] = "Uploading, listing and deleting videos, and their frames.",
        ["ZonesApi"] = "The zones (polygons, lines, masks) of a video or camera.",
    };

    public static IServiceCollection AddCrowdPortalApiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                DescribeDocument(document);
                return Task.CompletedTask;
            });
            o.AddOperationTransformer(DescribeOperationAsync);
            o.AddSchemaTransformer((schema, context, _) =>
            {
                // The zone DTO's fields are all optional to the reader (so one answer names every problem); the rules require these.
                if (context.JsonTypeInfo.Type == typeof(ViewModels.ZoneDto))
                {
                    schema.Required = new HashSet<string>(StringComparer.Ordinal) { "zoneId", "label", "points" };
                }

                return Task.CompletedTask;
            });
        });

    /// <summary>The description, public like the sign-in page.</summary>
    public static WebApplication MapCrowdPortalApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        return app;
    }

    /// <summary>
    /// The readable reference over the description: Swagger UI from the Swashbuckle.AspNetCore.SwaggerUI package, served
    /// by the portal itself (no CDN). Its page loads its script and styles from files, so the portal's CSP stays as it
    /// is (Scalar's viewer was tried first: it injects style elements, which that CSP blocks). Public, like the description.
    /// </summary>
    public static WebApplication UseCrowdPortalApiReference(this WebApplication app)
    {
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = ReferencePath.TrimStart('/');
            o.SwaggerEndpoint("/openapi/v1.json", "CrowdPortal API v1");
            o.DocumentTitle = "API reference - CrowdPortal";
        });
        return app;
    }

    private static void DescribeDocument(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = "CrowdPortal API",
            Version = "v1",
            Description = "Videos, zones, analyses, counts, alerts and cameras of the signed-in user. Authenticate with a personal " +
                "API token (Settings, `Authorization: Bearer …`) or the login cookie; cookie requests that change something also send " +
                "the page's antiforgery token in the `RequestVerificationToken` header. Errors are `application/problem+json`.",
            License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" },
        };
        // Relative: the API is on the host that serves this document, whatever name a client reached it by.
        document.Servers = [new OpenApiServer { Url = "/", Description = "This portal" }];

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            tag.Description = tag.Name is not null && TagDescriptions.TryGetValue(tag.Name, out var text) ? text : tag.Description;
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[TokenScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A personal API token created on the Settings page.",
        };
        document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = "crowdportal.auth",
            Description = "The login cookie the sign-in page sets.",
        };
        document.Components.SecuritySchemes[AntiforgeryScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "RequestVerificationToken",
            Description = "With the login cookie, state changes also need the token from the page's request-verification-token meta tag.",
        };
    }

    private static async Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var description = context.Description;
        var action = (ControllerActionDescriptor)description.ActionDescriptor;
        string path = description.RelativePath ?? string.Empty;
        string resource = action.ControllerName.Replace("Api", string.Empty, StringComparison.Ordinal);
        // Results, zones and privacy serve videos and cameras through one action: the camera route gets its own id.
        bool forCamera = resource != "Cameras" && path.StartsWith("api/v1/cameras", StringComparison.Ordinal);
        operation.OperationId = char.ToLowerInvariant(resource[0]) + resource[1..] + action.ActionName + (forCamera ? "ForCamera" : string.Empty);

        bool changesState = !HttpMethods.IsGet(description.HttpMethod ?? "GET");
        var document = context.Document!;
        var cookie = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, document)] = [] };
        if (changesState)
        {
            cookie[new OpenApiSecuritySchemeReference(AntiforgeryScheme, document)] = [];
        }

        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(TokenScheme, document)] = [] }, cookie];

        operation.Responses ??= new OpenApiResponses();
        operation.Responses["401"] = new OpenApiResponse { Description = "Not signed in: no valid API token or login cookie." };
        bool adminOnly = action.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any(a => a.Policy == Administrators.PolicyName);
        if (adminOnly)
        {
            operation.Responses["403"] = new OpenApiResponse { Description = "Signed in, but not the installation's administrator." };
        }

        var problem = await ProblemReferenceAsync(context, ct);
        if (path.Contains('{', StringComparison.Ordinal))
        {
            AddProblem(operation, problem, StatusCodes.Status404NotFound, "No such item, or another user's (the two look the same).");
        }

        bool takesInput = changesState || description.ParameterDescriptions.Any(p => p.Source.Id is "Query" or "Body");
        bool namesEachField = description.SupportedResponseTypes.Any(r => r.StatusCode == StatusCodes.Status400BadRequest && r.Type == typeof(ValidationProblemDetails));
        if (namesEachField)
        {
            AddProblem(operation, await ValidationProblemReferenceAsync(context, ct), StatusCodes.Status400BadRequest,
                "The body breaks a rule (errors maps each place in it, a JSON path such as $[0].points, to sentences naming the problem), " +
                "or a cookie request lacks its antiforgery token.");
        }
        else if (takesInput)
        {
            AddProblem(operation, problem, StatusCodes.Status400BadRequest, changesState
                ? "The request is invalid (the detail says why), or a cookie request lacks its antiforgery token."
                : "A query parameter is invalid; the detail says which.");
        }

        foreach (var extra in action.EndpointMetadata.OfType<ProblemResponseAttribute>())
        {
            AddProblem(operation, problem, extra.Status, extra.Description);
        }
    }

    private static void AddProblem(OpenApiOperation operation, IOpenApiSchema schema, int status, string text) =>
        operation.Responses![status.ToString(CultureInfo.InvariantCulture)] = new OpenApiResponse
        {
            Description = text,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new OpenApiMediaType { Schema = schema } },
        };

    private static async Task<IOpenApiSchema> ValidationProblemReferenceAsync(OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var document = context.Document!;
        if (document.Components?.Schemas?.ContainsKey(ValidationProblemSchema) != true)
        {
            document.AddComponent(ValidationProblemSchema, await context.GetOrCreateSchemaAsync(typeof(ValidationProblemDetails), null, ct));
        }

        return new OpenApiSchemaReference(ValidationProblemSchema, document);
    }

    private static async Task<IOpenApiSchema> ProblemReferenceAsync(OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var document = context.Document!;
        if (document.Components?.Schemas?.ContainsKey(ProblemSchema) != true)
        {
            document.AddComponent(ProblemSchema, await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, ct));
        }

        return new OpenApiSchemaReference(ProblemSchema, document);
    }
}
