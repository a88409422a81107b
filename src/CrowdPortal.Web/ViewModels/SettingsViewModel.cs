using CrowdPortal.Data.Entities;

namespace CrowdPortal.Web.ViewModels;

/// <summary>The Settings page: the password form, the user's API tokens, a just-created token's secret (shown once), and the user's data to export or erase.</summary>
public sealed class SettingsViewModel
{
    public ChangePasswordViewModel ChangePassword { get; set; } = new();

    public CreateTokenViewModel CreateToken { get; set; } = new();

    public DeleteAccountViewModel DeleteAccount { get; set; } = new();

    public IReadOnlyList<ApiToken> Tokens { get; set; } = [];

    public string? NewTokenSecret { get; set; }

    public string? NewTokenName { get; set; }

    public string? Message { get; set; }
}
