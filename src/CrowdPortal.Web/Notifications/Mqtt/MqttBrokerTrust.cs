using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Notifications.Mqtt;

/// <summary>
/// Whether an MQTT broker's TLS certificate is trusted: it must be for the channel's host name, and lead either to the
/// system's trusted certificate authorities or to one in <see cref="NotificationSettings.MqttCaFile"/> (a broker with
/// a private CA, such as a Mosquitto add-on with its own certificate). Anything else is refused, with the reason in
/// words for the channel's connection state.
/// </summary>
public sealed class MqttBrokerTrust(IOptions<NotificationSettings> settings)
{
    public const string NotTrusted = "the broker's TLS certificate is not trusted (self-signed, or from a certificate authority this server "
        + "does not trust; an administrator can trust a private one with Notifications:MqttCaFile)";

    private readonly Lazy<(X509Certificate2Collection? Authorities, string? Error)> _extra = new(() => Load(settings.Value.MqttCaFile));

    /// <summary>Null when the certificate is trusted, else why not.</summary>
    public string? Check(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return null;
        }

        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return "the broker sent no TLS certificate";
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return "the broker's TLS certificate is not for the channel's host name";
        }

        var (authorities, error) = _extra.Value;
        if (error is not null)
        {
            return error;
        }

        return authorities is { Count: > 0 } && LeadsTo(certificate, chain, authorities) ? null : NotTrusted;
    }

    private static bool LeadsTo(X509Certificate certificate, X509Chain? sent, X509Certificate2Collection authorities)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // private CAs seldom publish revocation lists
        foreach (var element in sent?.ChainElements.Skip(1) ?? [])
        {
            chain.ChainPolicy.ExtraStore.Add(element.Certificate); // intermediates the broker sent
        }

        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }

    private static (X509Certificate2Collection?, string?) Load(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return (null, null);
        }

        try
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(path);
            return authorities.Count > 0 ? (authorities, null) : (null, "Notifications:MqttCaFile holds no certificate; ask the administrator");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            return (null, "Notifications:MqttCaFile cannot be read; ask the administrator");
        }
    }
}
