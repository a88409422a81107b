namespace CrowdPortal.Web.Networking;

/// <summary>Where an address leads, as far as outgoing connections (cameras, webhooks) care.</summary>
public enum NetworkAddressKind
{
    /// <summary>Anything not below: the internet, as far as we can tell.</summary>
    Public,

    /// <summary>Private networks: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10 (carrier NAT), fc00::/7.</summary>
    Private,

    /// <summary>This machine: 127.0.0.0/8, ::1, and 0.0.0.0/8 and :: (which reach it too).</summary>
    Loopback,

    /// <summary>169.254.0.0/16 and fe80::/10: cloud metadata services live there, so nothing may connect to them.</summary>
    LinkLocal,
}
