using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CrowdPortal.Web.Notifications;

/// <summary>Sends one e-mail through the administrator's SMTP server (MailKit, <see cref="MailServerStore"/>) and says how it went.</summary>
public sealed class EmailSender(IOptions<NotificationSettings> notifications)
{
    public async Task<DeliveryOutcome> SendAsync(SmtpSettings s, IReadOnlyList<string> to, string subject, string text, CancellationToken ct)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(s.From));
        foreach (string address in to)
        {
            message.To.Add(MailboxAddress.Parse(address));
        }

        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = text };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(notifications.Value.TimeoutSeconds));
        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(s.Host, s.Port, Security(s.Security), timeout.Token);
            if (s.Username.Length > 0)
            {
                await client.AuthenticateAsync(s.Username, s.Password, timeout.Token);
            }

            string answer = await client.SendAsync(message, timeout.Token);
            await client.DisconnectAsync(quit: true, timeout.Token);
            return new DeliveryOutcome(true, null, null, Truncate(answer));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new DeliveryOutcome(false, null, $"The mail server did not answer within {notifications.Value.TimeoutSeconds:0.#} s.", null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The server's own words (an SMTP reply, a socket or TLS error), never the credentials: MailKit does not put them in messages.
            return new DeliveryOutcome(false, ex is SmtpCommandException command ? (int)command.StatusCode : null,
                "The mail server refused the mail or could not be reached: " + Truncate(ex.Message), null);
        }
    }

    private static SecureSocketOptions Security(string name) => name switch
    {
        "None" => SecureSocketOptions.None,
        "StartTls" => SecureSocketOptions.StartTls,
        "SslOnConnect" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300];
}
