using Microsoft.AspNetCore.DataProtection;

namespace CrowdPortal.Web.Cameras;

/// <summary>
/// Encrypts camera stream URLs (they often carry a password) with ASP.NET Data Protection, under the same persisted keys
/// as the login cookie. Only the camera worker ever unprotects them.
/// </summary>
public sealed class CameraUrlProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("CrowdPortal.Cameras.StreamUrl.v1");

    public string Protect(string url) => _protector.Protect(url);

    public string Unprotect(string protectedUrl) => _protector.Unprotect(protectedUrl);
}
