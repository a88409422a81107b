using System.Text.Json.Serialization;

namespace CrowdPortal.Core.Geometry;

/// <summary>
/// Which point of a person's box stands for the person's position in zone and line tests.
/// <see cref="BottomCenter"/> (the feet) is the default, as in Frigate and supervision: it is where the person
/// stands on the ground plane, so a zone drawn on the floor contains it.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<AnchorPoint>))]
public enum AnchorPoint
{
    /// <summary>Middle of the box's bottom edge (the feet). Default.</summary>
    [JsonStringEnumMemberName("bottom-center")]
    BottomCenter = 0,

    /// <summary>Centre of the box.</summary>
    [JsonStringEnumMemberName("center")]
    Center = 1,

    /// <summary>Middle of the box's top edge (the head).</summary>
    [JsonStringEnumMemberName("top-center")]
    TopCenter = 2,
}
