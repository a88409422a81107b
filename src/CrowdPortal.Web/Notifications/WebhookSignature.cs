using System.Security.Cryptography;
using System.Text;

namespace CrowdPortal.Web.Notifications;

/// <summary>
/// Standard Webhooks 1.0 signing: the secret is <c>whsec_</c> + base64 of 32 random bytes; a message is signed as
/// <c>v1,</c> + base64(HMAC-SHA256(secret bytes, "&lt;webhook-id&gt;.&lt;webhook-timestamp&gt;.&lt;body&gt;")).
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The <c>webhook-signature</c> header value for one message.</summary>
    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        byte[] key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        byte[] hash = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(hash);
    }

    /// <summary>A new message id (<c>msg_</c> + 24 hex digits): the <c>webhook-id</c> of every attempt of one delivery.</summary>
    public static string NewMessageId() => "msg_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
