namespace CrowdPortal.Web.Infrastructure;

/// <summary>
/// A ProblemDetails answer an API action can give beyond the ones every action of its shape gives (401, 404 for an id
/// in the path, 400 for input): documented in the OpenAPI description by <see cref="ApiDocumentation"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
internal sealed class ProblemResponseAttribute(int status, string description) : Attribute
{
    public int Status { get; } = status;

    public string Description { get; } = description;
}
