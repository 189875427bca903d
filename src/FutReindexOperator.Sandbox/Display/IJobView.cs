namespace FutReindexOperator.Sandbox.Display;

/// <summary>Shows the jobs and plans while they move.</summary>
public interface IJobView
{
    /// <summary>
    /// Shows the current rows; <paramref name="settled"/> of the jobs have reached an outcome; <paramref name="plans"/>
    /// are the ReindexPlans (their children are among the jobs); called on every refresh.
    /// </summary>
    void Show(IReadOnlyList<JobRow> rows, int settled, TimeSpan elapsed, IReadOnlyList<PlanRow> plans);
}
