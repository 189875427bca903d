namespace FutReindexOperator.Sandbox;

/// <summary>The kubectl commands a <c>--keep</c> sandbox suggests.</summary>
public static class KubectlHints
{
    /// <summary>
    /// Watching the jobs, describing one and waiting for it to complete, against <paramref name="kubeconfigPath"/>; with
    /// <paramref name="examplePlan"/>, listing the plans, the plan's children and waiting for the plan to complete.
    /// </summary>
    public static IReadOnlyList<string> Commands(string kubeconfigPath, string namespaceName, string exampleJob, string? examplePlan = null)
    {
        var kubectl = $"kubectl --kubeconfig {kubeconfigPath} -n {namespaceName}";
        IReadOnlyList<string> jobs =
        [
            $"{kubectl} get rj -w",
            $"{kubectl} describe rj {exampleJob}",
            $"{kubectl} wait --for=condition=Complete rj/{exampleJob} --timeout=60s",
        ];
        return examplePlan is null
            ? jobs
            :
            [
                .. jobs,
                $"{kubectl} get rp",
                $"{kubectl} get rj -l {FutReindexOperator.Model.ReindexPlan.PlanLabel}={examplePlan}",
                $"{kubectl} wait --for=condition=Complete rp/{examplePlan} --timeout=60s",
            ];
    }
}
