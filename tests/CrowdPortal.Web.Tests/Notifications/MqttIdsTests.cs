using CrowdPortal.Web.Notifications.Mqtt;

namespace CrowdPortal.Web.Tests.Notifications;

/// <summary>The ids a channel goes by on its broker: told apart by owner, stable for one owner, short enough for any broker.</summary>
public sealed class MqttIdsTests
{
    private const string Owner = "3f2c8a4e-5b1d-4c7e-9a06-2d8b7f1e4c53";
    private const string OtherOwner = "b7e1d2c4-0a9f-4e3b-8c65-71f4a2d9e018";

    [Fact]
    public void ClientId_HoldsChannelAndOwnerTag_AndFitsMqtt311UpToChannel9999()
    {
        Assert.Matches("^crowdportal-1-[0-9a-f]{6}$", MqttIds.ClientId(Owner, 1));
        Assert.Equal(MqttIds.ClientId(Owner, 1), MqttIds.ClientId(Owner, 1));
        Assert.NotEqual(MqttIds.ClientId(Owner, 1), MqttIds.ClientId(OtherOwner, 1));
        Assert.True(MqttIds.ClientId(Owner, 9999).Length <= 23, MqttIds.ClientId(Owner, 9999));
    }

    [Fact]
    public void SensorIds_OfTwoOwners_WithTheSameChannelAndVideo_Differ()
    {
        string mine = HomeAssistantDiscovery.UniqueId(Owner, 1, 1, "lower", MqttZoneStates.Count);
        Assert.Matches("^crowdportal_[0-9a-f]{6}_1_1_lower_count$", mine);
        Assert.NotEqual(mine, HomeAssistantDiscovery.UniqueId(OtherOwner, 1, 1, "lower", MqttZoneStates.Count));
        Assert.Equal("crowdportal_1_1_lower_count", HomeAssistantDiscovery.UntaggedUniqueId(1, 1, "lower", MqttZoneStates.Count));
    }
}
