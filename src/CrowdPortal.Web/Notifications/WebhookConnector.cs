using System.Net.Sockets;
using CrowdPortal.Web.Networking;

namespace CrowdPortal.Web.Notifications;

/// <summary>
/// Opens every webhook connection (the HTTP handler's <c>ConnectCallback</c>): resolves the host, refuses the attempt
/// when any of its addresses is not allowed, and connects to a checked address itself, so DNS cannot answer the check
/// with one address and the connection with another (rebinding). TLS runs over this stream with the URL's host name.
/// </summary>
public sealed class WebhookConnector(WebhookAddressPolicy policy, ILogger<WebhookConnector> logger)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var addresses = await NetworkAddresses.ResolveAsync(context.DnsEndPoint.Host, ct);
        if (policy.FirstRefusal(addresses) is { } refusal)
        {
            logger.LogWarning("A webhook connection was refused: {Reason}", refusal);
            throw new WebhookTargetRefusedException(refusal);
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }
}
