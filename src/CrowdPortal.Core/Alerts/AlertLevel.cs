namespace CrowdPortal.Core.Alerts;

/// <summary>Crowding level of a zone, ordered: Normal &lt; Warning &lt; Critical.</summary>
public enum AlertLevel
{
    Normal = 0,
    Warning = 1,
    Critical = 2,
}
