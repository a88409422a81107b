using CrowdPortal.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Security;

/// <summary>
/// Whether anyone may create an account. Open by default; with <c>Accounts:AllowRegistration=false</c> it is closed,
/// except on an installation without any account, which still takes its first one (its administrator), so a portal
/// can be deployed closed from the start and still be set up.
/// </summary>
public sealed class RegistrationPolicy(IConfiguration configuration, UserManager<AppUser> users)
{
    public const string SettingKey = "Accounts:AllowRegistration";

    public async Task<bool> IsOpenAsync(CancellationToken ct = default) =>
        configuration.GetValue(SettingKey, true) || !await users.Users.AnyAsync(ct);
}
