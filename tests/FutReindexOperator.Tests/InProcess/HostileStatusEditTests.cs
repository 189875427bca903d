using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FutReindexOperator.Decisions;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.Conditions;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.HapiSimulator.Mesh;
using FutReindexOperator.Testing.World;

namespace FutReindexOperator.Tests.InProcess;

/// <summary>
/// A job's status edited by hand, with clients other than the operator's own (the real kubectl, the official Python
/// client), at the worst moments of a run (the hostile pass over issue 15). The promise: no second POST unflagged, no
/// job id lost, and a clear message and event when the status is nonsense.
/// </summary>
public sealed class HostileStatusEditTests
{
    private const string Name = "reindex";

    /// <summary>Debian's interpreter, with Debian's python3-kubernetes (.ci/run installs it).</summary>
    private const string Python = "/usr/bin/python3";

    /// <summary>How soon a hand edit of the status is reconciled: seconds, not the 10-hour resync.</summary>
    private static readonly TimeSpan HandEditRepair = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Found by the hostile pass: the answer to the POST was dropped because its marker was gone, the job counted as
    /// Waiting and was POSTed again, unflagged, and the first server job's id was recorded nowhere.
    /// </summary>
    [Test]
    [CancelAfter(120_000)]
    public async Task A_marker_removed_by_hand_while_the_POST_is_under_way_is_written_back_and_the_servers_job_id_recorded_without_a_second_POST(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 2)]));
        // The POST's answer takes a moment, and its job-id write then fails: the window between marker and job id stays open.
        world.Simulator.Controls.AddFault(new FaultRule { Fault = EnvoyFault.Latency, Service = InProcessWorld.Service, Operation = "$reindex", Count = 1, Delay = TimeSpan.FromSeconds(2) });
        await world.CreateJobAsync(Name, InProcessWorld.Spec(), cancellationToken);
        await world.WaitForJobAsync(Name, job => job.Status?.Submission?.State == SubmissionState.Sending, cancellationToken);
        world.Api.Controls.FailNext("patch", $"*/reindexjobs/{Name}/status", 500, count: 10_000);
        await Eventually.UntilAsync(
            () => world.Api.Controls.Requests.Recent.Any(r => r.Verb == "patch" && r.Path.EndsWith($"/{Name}/status", StringComparison.Ordinal) && r.StatusCode == 500),
            cancellationToken,
            InProcessWorld.OperatorReaction,
            TimeSpan.FromMilliseconds(50),
            what: "the job-id write after the POST's answer has failed");

        var edit = await ReplaceStatusAsync(world, status => { status["submission"] = null; status["phase"] = "Pending"; }, cancellationToken);
        world.Api.Controls.Reset();

        edit.ExitCode.Should().Be(0, edit.Output);
        var tracked = await world.WaitForJobAsync(Name, job => job.Status?.JobId is not null, cancellationToken);
        var serverJobs = world.Simulator.Controls.Jobs(InProcessWorld.Service);
        serverJobs.Should().ContainSingle().Which.Id.Should().Be(tracked.Status!.JobId);
        tracked.Status.Submission.Should().BeEquivalentTo(new { Attempt = 1, State = SubmissionState.Accepted, DuplicatePossible = false });
        (await world.WaitForEventAsync(Name, EventReasons.InvalidStatus, cancellationToken)).Should()
            .Contain(item => item.Type == "Warning" && item.Note.Contains("status.submission was removed", StringComparison.Ordinal));
        (await world.WaitForPhaseAsync(Name, ReindexPhase.Succeeded, cancellationToken)).Status!.JobId.Should().Be(tracked.Status.JobId);
        world.Simulator.Controls.Counters.Submissions[InProcessWorld.Service].Should().Be(1);
    }

    /// <summary>
    /// Found by the hostile pass: with the marker and job id patched away, the run counted as Waiting and was POSTed
    /// again, unflagged, while the first server job was no longer followed.
    /// </summary>
    [Test]
    [CancelAfter(120_000)]
    public async Task A_running_jobs_marker_and_job_id_removed_by_the_Python_client_end_the_run_Failed_naming_the_field_without_a_second_POST(CancellationToken cancellationToken)
    {
        File.Exists(Python).Should().BeTrue($"{Python} with python3-kubernetes is needed (.ci/run installs it)");
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 1000)]));
        await world.CreateJobAsync(Name, InProcessWorld.Spec(), cancellationToken);
        var running = await world.WaitForPhaseAsync(Name, ReindexPhase.Running, cancellationToken);

        var edit = await PatchStatusWithPythonAsync(world, """{"status": {"submission": None, "jobId": None, "pollPath": None}}""", cancellationToken);

        edit.ExitCode.Should().Be(0, edit.Output);
        var failed = await world.WaitForPhaseAsync(Name, ReindexPhase.Failed, cancellationToken);
        failed.Status!.Message.Should().Contain("status.submission is empty").And.Contain("changed by hand").And.Contain(ReindexJob.RerunAnnotation);
        failed.Status.Conditions.Should().Contain(c => c.Type == ReindexConditions.Failed && c.Reason == ConditionReasons.InvalidStatus);
        (await world.WaitForEventAsync(Name, EventReasons.InvalidStatus, cancellationToken)).Should().Contain(item => item.Type == "Warning");
        world.Simulator.Controls.Counters.Submissions[InProcessWorld.Service].Should().Be(1);
        world.Simulator.Controls.Jobs(InProcessWorld.Service).Should().ContainSingle().Which.Id.Should().Be(running.Status!.JobId);
    }

    /// <summary>
    /// Found by the last hostile pass: status-only changes woke no job, so an ended job's status edited by hand showed
    /// the edit until the 10-hour resync, a restart or a spec change.
    /// </summary>
    [Test]
    [CancelAfter(120_000)]
    public async Task An_ended_jobs_phase_set_back_by_hand_with_kubectl_patch_is_repaired_within_seconds_without_a_second_POST(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 1)]));
        await world.CreateJobAsync(Name, InProcessWorld.Spec(), cancellationToken);
        var succeeded = await world.WaitForPhaseAsync(Name, ReindexPhase.Succeeded, cancellationToken);

        var edit = await Kubectl.RunAsync(
            world.KubeconfigPath, cancellationToken, "patch", "reindexjob", Name, "--subresource=status", "--type=merge", "-p", """{"status":{"phase":"Running"}}""");

        edit.ExitCode.Should().Be(0, edit.Output);
        var repaired = await Eventually.UntilAsync(
            async token => await world.GetJobAsync(Name, token),
            job => job.Status?.Phase == ReindexPhase.Succeeded && job.Metadata.ResourceVersion != succeeded.Metadata.ResourceVersion,
            cancellationToken,
            HandEditRepair,
            TimeSpan.FromMilliseconds(50),
            what: "the phase set back by hand is repaired");
        repaired.Status!.JobId.Should().Be(succeeded.Status!.JobId);
        repaired.Status.Conditions.Should().Contain(c => c.Type == ReindexConditions.Ready && c.Status == "True" && c.Reason == ConditionReasons.Succeeded);
        world.Simulator.Controls.Counters.Submissions[InProcessWorld.Service].Should().Be(1);
        (await StatusWakesAsync(world, cancellationToken)).Should().Be(1, "the hand edit woke the job; none of the operator's own writes did, the repair included");
    }

    /// <summary>
    /// The operator's own status writes (the marker, the job id, every poll's progress, the end) queue no reconcile: a
    /// reconcile never causes the next one by writing.
    /// </summary>
    [Test]
    [CancelAfter(120_000)]
    public async Task The_operators_own_status_writes_over_whole_runs_wake_no_reconcile(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 4)]));
        await world.CreateJobAsync(Name, InProcessWorld.Spec(), cancellationToken);
        await world.WaitForPhaseAsync(Name, ReindexPhase.Succeeded, cancellationToken);

        // Created after the first ended: the watch delivers its changes after every write of the first run.
        await world.CreateJobAsync("later", InProcessWorld.Spec(), cancellationToken);
        await world.WaitForPhaseAsync("later", ReindexPhase.Succeeded, cancellationToken);

        world.Api.Controls.Requests.Recent
            .Count(r => r.Verb == "patch" && r.Path.EndsWith($"/{Name}/status", StringComparison.Ordinal) && r.StatusCode == 200)
            .Should().BeGreaterThanOrEqualTo(5, "the run wrote its marker, job id, progress and end");
        (await StatusWakesAsync(world, cancellationToken)).Should().Be(0);
    }

    /// <summary>The operator's <c>operator_runtime_status_wakes_total</c> of the ReindexJob controller.</summary>
    private static async Task<double> StatusWakesAsync(InProcessWorld world, CancellationToken cancellationToken)
    {
        var metrics = await world.Operator!.ScrapeAsync(cancellationToken);
        var match = Regex.Match(metrics, "^operator_runtime_status_wakes_total\\{controller=\"reindexjob\"\\} (\\S+)$", RegexOptions.Multiline);
        match.Success.Should().BeTrue("the family is published from the start");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>Reads the job with kubectl, changes its status with <paramref name="change"/> and writes it back with <c>kubectl replace --subresource=status</c> (an update, not a patch).</summary>
    private static async Task<(int ExitCode, string Output)> ReplaceStatusAsync(InProcessWorld world, Action<JsonObject> change, CancellationToken cancellationToken)
    {
        var (code, json) = await Kubectl.RunAsync(world.KubeconfigPath, cancellationToken, "get", "reindexjob", Name, "-o", "json");
        code.Should().Be(0, json);
        var job = JsonNode.Parse(json)!.AsObject();
        change(job["status"]!.AsObject());
        var file = Path.Combine(Path.GetTempPath(), $"hostile-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, job.ToJsonString(), cancellationToken);
        try
        {
            return await Kubectl.RunAsync(world.KubeconfigPath, cancellationToken, "replace", "--subresource=status", "-f", file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Merge-patches the job's status with the official Python client (<paramref name="body"/> is a Python literal).</summary>
    private static async Task<(int ExitCode, string Output)> PatchStatusWithPythonAsync(InProcessWorld world, string body, CancellationToken cancellationToken)
    {
        var script = $"""
            import sys
            from kubernetes import client, config
            config.load_kube_config(sys.argv[1])
            client.CustomObjectsApi().patch_namespaced_custom_object_status(
                "{ReindexJob.ApiGroup}", "{ReindexJob.ApiVersionName}", "{OperatorWorld.Namespace}", "{ReindexJob.Plural}", "{Name}", {body})
            """;
        var startInfo = new ProcessStartInfo(Python);
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(script);
        startInfo.ArgumentList.Add(world.KubeconfigPath);
        startInfo.Environment.Remove("KUBECONFIG");
        return await ProcessRun.ToEndAsync(startInfo, cancellationToken);
    }
}
