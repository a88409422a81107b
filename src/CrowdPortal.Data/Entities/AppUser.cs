using Microsoft.AspNetCore.Identity;

namespace CrowdPortal.Data.Entities;

/// <summary>A CrowdPortal account (the seed's <c>users</c> table): Identity's user plus when it was created.</summary>
public class AppUser : IdentityUser
{
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
