namespace CrowdPortal.Web.ViewModels.PageModels;

/// <summary>
/// How a video's analysis status looks: a Bootstrap badge class and words, so the state reads at a glance and not by
/// colour alone. wwwroot/js/dashboard.js keeps the same table for live updates.
/// </summary>
public sealed record StatusBadge(string CssClass, string Text)
{
    public static StatusBadge For(string status) => status switch
    {
        "queued" => new("text-bg-info", "Queued"),
        "analysing" => new("text-bg-primary", "Analysing"),
        "completed" => new("text-bg-success", "Analysed"),
        "failed" => new("text-bg-danger", "Failed"),
        "cancelled" => new("text-bg-warning", "Cancelled"),
        _ => new("text-bg-secondary", "Not analysed"),
    };
}
