using System.Net;
using System.Net.Sockets;
using CrowdPortal.Vision.Sources;
using CrowdPortal.Web.Networking;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Cameras;

/// <summary>
/// Which network addresses a camera URL may point at, so a camera cannot be turned into a probe of the server's own
/// network (SSRF): link-local addresses (169.254.0.0/16 — cloud metadata services live there — and fe80::/10) are
/// refused always; loopback (127.0.0.0/8, ::1, and 0.0.0.0/::, which reach this machine too) unless the administrator
/// sets <see cref="CameraSettings.AllowLoopback"/>; and, when <see cref="CameraSettings.AllowedNetworks"/> lists any, every
/// address outside them. The host is checked when a camera is saved and again, after DNS resolution, right before every
/// connection (a name may resolve elsewhere later).
/// </summary>
public sealed class CameraAddressPolicy(IOptions<CameraSettings> settings, ILogger<CameraAddressPolicy> logger)
{
    /// <summary>How long a save waits for DNS before accepting the name (it is checked again at every connection).</summary>
    private static readonly TimeSpan SaveResolveTimeout = TimeSpan.FromSeconds(3);

    private readonly IPNetwork[] _allowed = settings.Value.AllowedNetworks.Select(IPNetwork.Parse).ToArray();

    /// <summary>Null when the address may be connected to, else a sentence saying why not (without the address).</summary>
    public string? Check(IPAddress address)
    {
        // Private networks are where cameras usually are: only link-local and loopback are refused by kind.
        switch (NetworkAddresses.Classify(address))
        {
            case NetworkAddressKind.LinkLocal:
                return "the address is link-local, which cameras may not use";
            case NetworkAddressKind.Loopback when !settings.Value.AllowLoopback:
                return "the address is this server itself, which cameras may not use";
            case NetworkAddressKind.Loopback:
                return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (_allowed.Length > 0 && !_allowed.Any(n => n.Contains(address)))
        {
            return "the address is outside the networks the administrator allows for cameras";
        }

        return null;
    }

    /// <summary>
    /// The check made when a camera is saved: null when the URL's host (an address, or every address its name resolves
    /// to) is allowed, else a sentence for the user. A name that does not resolve yet is accepted: it is checked again
    /// before every connection.
    /// </summary>
    public async Task<string?> CheckSavedAsync(Uri uri, CancellationToken ct)
    {
        IPAddress[] addresses;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(SaveResolveTimeout);
            addresses = await ResolveAsync(uri, timeout.Token);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }

        string? refusal = FirstRefusal(addresses);
        return refusal is null ? null : $"This camera URL cannot be used: {refusal}.";
    }

    /// <summary>
    /// For <see cref="StreamSourceOptions.ResolveTarget"/>: resolves the URL's host, refuses the attempt when any address
    /// is not allowed, and otherwise pins plain <c>rtsp</c>/<c>http</c> URLs to the first checked address (so ffmpeg cannot
    /// resolve the name again to somewhere else) and forbids HTTP redirects (they would lead ffmpeg to an unchecked address).
    /// TLS URLs (rtsps, https) keep their name, which the certificate and SNI need: they are checked right before ffmpeg
    /// starts.
    /// </summary>
    public async Task<StreamConnectTarget> ResolveTargetAsync(string url, CancellationToken ct)
    {
        var uri = new Uri(url);
        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(uri, ct);
        }
        catch (SocketException)
        {
            throw new StreamTargetRefusedException(CameraErrorText.Unreachable);
        }

        string? refusal = FirstRefusal(addresses);
        if (refusal is not null)
        {
            logger.LogWarning("A camera connection was refused: {Reason}", refusal);
            throw new StreamTargetRefusedException($"refused: {refusal}");
        }

        bool http = uri.Scheme is "http" or "https";
        IReadOnlyList<string> arguments = http ? ["-max_redirects", "0"] : [];
        if (uri.Scheme is not ("rtsp" or "http") || uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            return new StreamConnectTarget(url, arguments);
        }

        var pinned = new UriBuilder(uri) { Host = addresses[0].ToString() }.Uri;
        if (http)
        {
            // The virtual host the camera expects; ffmpeg sends this instead of its own Host header.
            arguments = [.. arguments, "-headers", $"Host: {uri.Authority}\r\n"];
        }

        return new StreamConnectTarget(pinned.AbsoluteUri, arguments);
    }

    private static Task<IPAddress[]> ResolveAsync(Uri uri, CancellationToken ct) => NetworkAddresses.ResolveAsync(uri.IdnHost, ct);

    private string? FirstRefusal(IPAddress[] addresses) => addresses.Select(Check).FirstOrDefault(r => r is not null);
}
