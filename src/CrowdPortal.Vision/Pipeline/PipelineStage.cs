namespace CrowdPortal.Vision.Pipeline;

/// <summary>The timed stages of the analysis pipeline.</summary>
public enum PipelineStage
{
    /// <summary>Reading and decoding one frame from the source (decode thread).</summary>
    Decode,

    /// <summary>Resizing and normalising the frame into the model's input tensor.</summary>
    Preprocess,

    /// <summary>Running the model.</summary>
    Inference,

    /// <summary>Decoding the model's outputs, NMS and mapping boxes back to the frame.</summary>
    Postprocess,

    /// <summary>The whole <c>Detect</c> call.</summary>
    Detect,

    /// <summary>Masks, tracker, zone counters, samplers, alerts and heatmap (<c>CrowdCounter.ProcessFrame</c>).</summary>
    Tracking,

    /// <summary>Handing the frame to the sinks.</summary>
    Sinks,
}
