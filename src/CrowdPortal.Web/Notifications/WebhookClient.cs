using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Notifications;

/// <summary>
/// Makes one signed webhook attempt (Standard Webhooks 1.0 headers <c>webhook-id</c>, <c>webhook-timestamp</c>,
/// <c>webhook-signature</c>) and says how it went. Any 2xx answer is a delivery; redirects are not followed (a 3xx is a
/// failure), the receiver has <see cref="NotificationSettings.TimeoutSeconds"/> to answer, and at most 1 KB of its
/// answer is kept. Retries are not made here: they are scheduled in the database by <see cref="ChannelDeliverer"/>, so
/// they survive a restart and count towards pausing the channel.
/// </summary>
public sealed class WebhookClient(IHttpClientFactory httpClients, IOptions<NotificationSettings> settings, TimeProvider clock)
{
    public const string HttpClientName = "webhooks";
    public const int MaxResponseBytes = 1024;

    public async Task<DeliveryOutcome> SendAsync(string url, string secret, string messageId, string body, CancellationToken ct)
    {
        long timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(secret, messageId, timestamp, body));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.Value.TimeoutSeconds));
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            string excerpt = await ReadExcerptAsync(response, timeout.Token);
            int status = (int)response.StatusCode;
            return status switch
            {
                >= 200 and < 300 => new DeliveryOutcome(true, status, null, excerpt),
                >= 300 and < 400 => new DeliveryOutcome(false, status, $"The receiver answered {status}, a redirect, which is not followed.", excerpt),
                _ => new DeliveryOutcome(false, status, $"The receiver answered {status}.", excerpt),
            };
        }
        catch (HttpRequestException ex) when (ex.InnerException is WebhookTargetRefusedException refused)
        {
            return new DeliveryOutcome(false, null, $"Refused: {refused.Message}.", null);
        }
        catch (HttpRequestException ex)
        {
            return new DeliveryOutcome(false, null, Describe(ex), null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new DeliveryOutcome(false, null, $"The receiver did not answer within {settings.Value.TimeoutSeconds:0.#} s.", null);
        }
    }

    private static async Task<string> ReadExcerptAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        byte[] buffer = new byte[MaxResponseBytes];
        int read = 0;
        while (read < buffer.Length)
        {
            int n = await stream.ReadAsync(buffer.AsMemory(read), ct);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static string Describe(HttpRequestException ex) => ex.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => "The receiver's host name does not resolve.",
        HttpRequestError.ConnectionError => "The receiver could not be reached (connection refused or unreachable).",
        HttpRequestError.SecureConnectionError => "The TLS connection to the receiver failed (certificate or protocol).",
        _ => "The connection to the receiver failed before it answered.",
    };
}
