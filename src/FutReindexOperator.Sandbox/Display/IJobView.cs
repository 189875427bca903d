namespace FutReindexOperator.Sandbox.Display;

/// <summary>Shows the jobs while they move.</summary>
public interface IJobView
{
    /// <summary>Shows the current rows; <paramref name="settled"/> of them have reached an outcome; called on every refresh.</summary>
    void Show(IReadOnlyList<JobRow> rows, int settled, TimeSpan elapsed);
}
