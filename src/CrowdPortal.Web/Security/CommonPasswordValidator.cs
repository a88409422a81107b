using CrowdPortal.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace CrowdPortal.Web.Security;

/// <summary>
/// Password rules of SECURITY.md (after NIST 800-63B): at least 8 characters (Identity's own rule), at most 128, no
/// composition rules, and none of the most common passwords.
/// </summary>
internal sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    public const int MaxLength = 128;

    // The most common passwords of 8+ characters from public breach corpora; a short list catches most guesses.
    private static readonly HashSet<string> CommonPasswords = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "password1", "password12", "password123", "password1234", "passw0rd", "p@ssw0rd", "p@ssword",
        "12345678", "123456789", "1234567890", "12341234", "11111111", "00000000", "88888888", "87654321",
        "qwertyui", "qwerty123", "qwertyuiop", "qwerty12", "1q2w3e4r", "1q2w3e4r5t", "1qaz2wsx", "zaq12wsx",
        "abcd1234", "abc12345", "abcdefgh", "iloveyou", "iloveyou1", "sunshine", "princess", "football",
        "baseball", "welcome1", "welcome123", "letmein1", "trustno1", "superman", "starwars", "whatever",
        "computer", "michelle", "jennifer", "internet", "asdfghjk", "asdf1234", "admin123", "administrator",
        "changeme", "changeme1", "monkey123", "dragon123", "master123", "football1", "baseball1", "1234qwer",
        "q1w2e3r4", "q1w2e3r4t5", "aa123456", "a1234567", "123123123", "123qweasd", "qweasdzxc", "passport",
        "crowdportal", "crowdportal1",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        password ??= string.Empty;
        if (password.Length > MaxLength)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooLong",
                Description = $"Passwords can be at most {MaxLength} characters long.",
            }));
        }

        if (CommonPasswords.Contains(password) || string.Equals(password, user.UserName, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooCommon",
                Description = "This password is too common or too easy to guess. Choose another one.",
            }));
        }

        return Task.FromResult(IdentityResult.Success);
    }
}
