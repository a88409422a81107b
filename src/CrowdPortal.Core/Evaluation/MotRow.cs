namespace CrowdPortal.Core.Evaluation;

/// <summary>
/// One line of a MOTChallenge text file: a person with an id in one frame. <paramref name="Frame"/> is 1-based as in
/// the files (MOTChallenge frame n = video frame n − 1); <paramref name="Box"/> is in frame pixels (the file's
/// <c>x,y,w,h</c> turned into corners). <paramref name="Ignore"/> marks a ground-truth row with flag 0: an area where a
/// hypothesis is neither rewarded nor punished (a person too small or too hidden to demand).
/// </summary>
public readonly record struct MotRow(int Frame, int Id, Detection Box, bool Ignore = false)
{
    /// <summary>A row from the file's top-left corner and size.</summary>
    public static MotRow FromTopLeft(int frame, int id, float x, float y, float width, float height, bool ignore = false) =>
        new(frame, id, new Detection(x, y, x + width, y + height, 1f, Detection.PersonClass), ignore);
}
