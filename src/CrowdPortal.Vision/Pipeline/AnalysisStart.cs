using CrowdPortal.Core.Geometry;
using CrowdPortal.Core.Zones;
using CrowdPortal.Vision.Sources;

namespace CrowdPortal.Vision.Pipeline;

/// <summary>What a sink learns before the first frame: the source, the frame size, the zones and the detector.</summary>
public sealed record AnalysisStart(FrameSourceInfo Source, FrameSize Frame, ZoneSet Zones, string DetectorName);
