namespace CrowdPortal.Core.Alerts;

/// <summary>What happened to a zone's alert.</summary>
public enum AlertEventKind
{
    /// <summary>The level rose from Normal: a new alert begins.</summary>
    Started = 0,

    /// <summary>The level moved between Warning and Critical during an open alert.</summary>
    LevelChanged = 1,

    /// <summary>The level fell back to Normal (or the video ended): the alert is over.</summary>
    Ended = 2,
}
