namespace CrowdPortal.Web.Analysis;

/// <summary>
/// An analysis or camera names a model that is not in the models folder (removed or renamed since it was chosen).
/// It fails with this message rather than silently counting with another detector.
/// </summary>
public sealed class UnknownModelException(string model, IReadOnlyList<string> installed)
    : Exception($"The model '{model}' is no longer installed. Installed models: {string.Join(", ", installed)}. Choose one of them and start again.")
{
    public string Model { get; } = model;
}
