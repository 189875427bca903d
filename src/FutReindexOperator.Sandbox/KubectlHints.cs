namespace FutReindexOperator.Sandbox;

/// <summary>The kubectl commands a <c>--keep</c> sandbox suggests.</summary>
public static class KubectlHints
{
    /// <summary>Watching the jobs, describing one and waiting for it to complete, against <paramref name="kubeconfigPath"/>.</summary>
    public static IReadOnlyList<string> Commands(string kubeconfigPath, string namespaceName, string exampleJob)
    {
        var kubectl = $"kubectl --kubeconfig {kubeconfigPath} -n {namespaceName}";
        return
        [
            $"{kubectl} get rj -w",
            $"{kubectl} describe rj {exampleJob}",
            $"{kubectl} wait --for=condition=Complete rj/{exampleJob} --timeout=60s",
        ];
    }
}
