namespace CrowdPortal.Web.ViewModels;

/// <summary>What the friendly error page shows: a status, a title and a sentence for the user, and an id to quote to an admin.</summary>
public sealed record ErrorViewModel(int StatusCode, string Title, string Detail, string? RequestId);
