namespace CrowdPortal.Web.Tests.Notifications;

/// <summary>
/// The test classes that start netDumbster, one after the other: it binds its port with address reuse, so two servers
/// started at once on 2525 both succeed and one of them never sees its mail.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SmtpTests
{
    public const string Name = "smtp";
}
