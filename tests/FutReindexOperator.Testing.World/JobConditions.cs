using FutReindexOperator.Model;
using k8s.Models;

namespace FutReindexOperator.Testing.World;

/// <summary>Reads conditions of a ReindexJob's status as the API server returned it.</summary>
public static class JobConditions
{
    public static V1Condition Condition(this ReindexJob job, string type)
        => job.Status?.Conditions.SingleOrDefault(condition => condition.Type == type)
            ?? throw new InvalidOperationException($"ReindexJob {job.Metadata.Name} has no {type} condition.");

    public static bool IsTrue(this ReindexJob job, string type)
        => job.Status?.Conditions.Any(condition => condition.Type == type && condition.Status == "True") ?? false;
}
