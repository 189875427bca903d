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
using k8s;

namespace FutReindexOperator.Tests.InProcess;

/// <summary>
/// A job's status edited by hand, with clients other than the operator's own (the real kubectl, the official Python
/// client), at the worst moments of a run (the hostile pass over issue 15). The promise: no second POST unflagged, no
/// job id lost, and a clear message and event when the status is nonsense. With the CRD's status rules
/// (<see cref="RunRecordRules"/>) the API server refuses an edit that forgets the run's job id or marker; the operator's
/// own guards still hold where the CRD predates the rules (Helm installs a chart's crds/ once and never upgrades them).
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
    public async Task On_a_CRD_without_the_status_rules_a_marker_removed_by_hand_while_the_POST_is_under_way_is_written_back_and_the_servers_job_id_recorded_without_a_second_POST(CancellationToken cancellationToken)
    {
        await using var world = await StartOnACrdWithoutTheStatusRulesAsync(cancellationToken);
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
    public async Task On_a_CRD_without_the_status_rules_a_running_jobs_marker_and_job_id_removed_by_the_Python_client_end_the_run_Failed_naming_the_field_without_a_second_POST(CancellationToken cancellationToken)
    {
        File.Exists(Python).Should().BeTrue($"{Python} with python3-kubernetes is needed (.ci/run installs it)");
        await using var world = await StartOnACrdWithoutTheStatusRulesAsync(cancellationToken);
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
    /// The break the hostile pass left: a copy of the status taken before the run's first POST (no marker, no job id),
    /// put back after the POST, looked like a run that never started, so a restarted operator submitted the same
    /// reindex again. The API server now refuses it, naming the fields, and the run goes on: one POST, its job id kept.
    /// </summary>
    [Test]
    [CancelAfter(120_000)]
    public async Task A_status_copied_before_the_first_POST_and_put_back_with_kubectl_after_it_is_refused_and_a_restarted_operator_does_not_POST_again(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 4)]));
        var (copy, tracked) = await StatusCopiedBeforeTheFirstPostAsync(world, cancellationToken);

        await world.StopOperatorAsync();

        var edit = await ReplaceStatusAsync(world, status => Replace(status, copy), cancellationToken);

        edit.ExitCode.Should().NotBe(0, "the API server refuses the write");
        edit.Output.Should().Contain(RunRecordRules.JobIdKeptMessage).And.Contain(RunRecordRules.MarkerKeptMessage);
        (await world.GetJobAsync(Name, cancellationToken)).Status!.JobId.Should().Be(tracked.Status!.JobId);
        await world.StartOperatorAsync(cancellationToken);
        (await world.WaitForPhaseAsync(Name, ReindexPhase.Succeeded, cancellationToken)).Status!.JobId.Should().Be(tracked.Status.JobId);
        world.Simulator.Controls.Counters.Submissions[InProcessWorld.Service].Should().Be(1);
    }

    /// <summary>The same copy put back with the official Python client's replace of the status: a 422 naming the fields.</summary>
    [Test]
    [CancelAfter(120_000)]
    public async Task A_status_copied_before_the_first_POST_and_put_back_with_the_Python_client_is_refused_with_422_and_the_run_goes_on_with_one_POST(CancellationToken cancellationToken)
    {
        File.Exists(Python).Should().BeTrue($"{Python} with python3-kubernetes is needed (.ci/run installs it)");
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 4)]));
        var (copy, tracked) = await StatusCopiedBeforeTheFirstPostAsync(world, cancellationToken);

        var edit = await ReplaceStatusWithPythonAsync(world, copy, cancellationToken);

        edit.ExitCode.Should().Be(RefusedExitCode, edit.Output);
        edit.Output.Should().Contain("422").And.Contain(RunRecordRules.JobIdKeptMessage).And.Contain(RunRecordRules.MarkerKeptMessage);
        (await world.WaitForPhaseAsync(Name, ReindexPhase.Succeeded, cancellationToken)).Status!.JobId.Should().Be(tracked.Status!.JobId);
        world.Simulator.Controls.Counters.Submissions[InProcessWorld.Service].Should().Be(1);
    }

    /// <summary>The edit that forgot a running job's id (now refused) does not reach the operator, which follows the job to its end.</summary>
    [Test]
    [CancelAfter(120_000)]
    public async Task A_running_jobs_marker_and_job_id_removed_by_the_Python_client_are_refused_and_the_job_is_followed_to_its_end(CancellationToken cancellationToken)
    {
        File.Exists(Python).Should().BeTrue($"{Python} with python3-kubernetes is needed (.ci/run installs it)");
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 6)]));
        await world.CreateJobAsync(Name, InProcessWorld.Spec(), cancellationToken);
        var running = await world.WaitForPhaseAsync(Name, ReindexPhase.Running, cancellationToken);

        var edit = await PatchStatusWithPythonAsync(world, """{"status": {"submission": None, "jobId": None, "pollPath": None}}""", cancellationToken);

        edit.ExitCode.Should().NotBe(0);
        edit.Output.Should().Contain(RunRecordRules.JobIdKeptMessage).And.Contain(RunRecordRules.MarkerKeptMessage);
        (await world.WaitForPhaseAsync(Name, ReindexPhase.Succeeded, cancellationToken)).Status!.JobId.Should().Be(running.Status!.JobId);
        world.Simulator.Controls.Counters.Submissions[InProcessWorld.Service].Should().Be(1);
    }

    /// <summary>
    /// Found by the last hostile pass: status-only changes woke no job, so an ended job's status edited by hand showed
    /// the edit until the 10-hour resync, a restart or a spec change. Here the Complete condition that
    /// <c>kubectl wait --for=condition=Complete</c> waits on is removed (the status rules let that edit through).
    /// </summary>
    [Test]
    [CancelAfter(120_000)]
    public async Task An_ended_jobs_Complete_condition_removed_by_hand_with_kubectl_patch_is_repaired_within_seconds_without_a_second_POST(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 1)]));
        await world.CreateJobAsync(Name, InProcessWorld.Spec(), cancellationToken);
        var succeeded = await world.WaitForPhaseAsync(Name, ReindexPhase.Succeeded, cancellationToken);
        var complete = succeeded.Status!.Conditions.ToList().FindIndex(c => c.Type == ReindexConditions.Complete);
        complete.Should().BeGreaterThanOrEqualTo(0);

        var edit = await Kubectl.RunAsync(
            world.KubeconfigPath, cancellationToken, "patch", "reindexjob", Name, "--subresource=status", "--type=json",
            "-p", $$"""[{"op":"test","path":"/status/conditions/{{complete}}/type","value":"Complete"},{"op":"remove","path":"/status/conditions/{{complete}}"}]""");

        edit.ExitCode.Should().Be(0, edit.Output);
        var repaired = await Eventually.UntilAsync(
            async token => await world.GetJobAsync(Name, token),
            job => job.Status!.Conditions.Any(c => c.Type == ReindexConditions.Complete && c.Status == "True"),
            cancellationToken,
            HandEditRepair,
            TimeSpan.FromMilliseconds(50),
            what: "the Complete condition removed by hand is written again");
        repaired.Status!.Phase.Should().Be(ReindexPhase.Succeeded);
        repaired.Status.JobId.Should().Be(succeeded.Status.JobId);
        repaired.Status.Conditions.Should().Contain(c => c.Type == ReindexConditions.Complete && c.Reason == ConditionReasons.Succeeded);
        world.Simulator.Controls.Counters.Submissions[InProcessWorld.Service].Should().Be(1);
        (await StatusWakesAsync(world, cancellationToken)).Should().Be(1, "the hand edit woke the job; none of the operator's own writes did, the repair included");
    }

    /// <summary>
    /// An ended run's phase set back by hand would have the operator take the run up again (from a marker also edited
    /// to NotSent, POST it again): the API server refuses the edit, naming the phase (<see cref="RunRecordRules.EndKept"/>).
    /// </summary>
    [Test]
    [CancelAfter(120_000)]
    public async Task An_ended_jobs_phase_set_back_by_hand_with_kubectl_patch_is_refused_naming_the_phase(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 1)]));
        await world.CreateJobAsync(Name, InProcessWorld.Spec(), cancellationToken);
        await world.WaitForPhaseAsync(Name, ReindexPhase.Succeeded, cancellationToken);

        var edit = await Kubectl.RunAsync(
            world.KubeconfigPath, cancellationToken, "patch", "reindexjob", Name, "--subresource=status", "--type=merge",
            "-p", """{"status":{"phase":"Pending","submission":{"state":"NotSent"}}}""");

        edit.ExitCode.Should().NotBe(0);
        edit.Output.Should().Contain(RunRecordRules.EndKeptMessage);
        var after = await world.GetJobAsync(Name, cancellationToken);
        after.Status!.Phase.Should().Be(ReindexPhase.Succeeded);
        world.Simulator.Controls.Counters.Submissions[InProcessWorld.Service].Should().Be(1);
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

    /// <summary>The exit code of <see cref="ReplaceStatusWithPythonAsync"/> when the API server refused the write.</summary>
    private const int RefusedExitCode = 3;

    private const string JobCrd = $"{ReindexJob.Plural}.{ReindexJob.ApiGroup}";

    /// <summary>
    /// A world whose ReindexJob CRD lacks the status rules (<see cref="RunRecordRules"/>), as on a cluster whose CRD was
    /// installed before them, so that the edits they refuse reach the operator.
    /// </summary>
    private static async Task<InProcessWorld> StartOnACrdWithoutTheStatusRulesAsync(CancellationToken cancellationToken)
    {
        var world = await InProcessWorld.StartAsync(cancellationToken, startOperator: false);
        try
        {
            var crd = await world.Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(JobCrd, cancellationToken: cancellationToken);
            var schema = crd.Spec.Versions[0].Schema.OpenAPIV3Schema;
            schema.XKubernetesValidations = null;
            schema.Properties["status"].XKubernetesValidations = null;
            await world.Client.ApiextensionsV1.ReplaceCustomResourceDefinitionAsync(crd, JobCrd, cancellationToken: cancellationToken);
            await world.StartOperatorAsync(cancellationToken);
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Creates the job while its target Service is missing, copies its status with kubectl while it waits (Pending, no
    /// marker: nothing was sent), then creates the Service; returns the copy and the job once the server's job id is recorded.
    /// </summary>
    private static async Task<(JsonObject Copy, ReindexJob Tracked)> StatusCopiedBeforeTheFirstPostAsync(InProcessWorld world, CancellationToken cancellationToken)
    {
        await world.Client.CoreV1.DeleteNamespacedServiceAsync(OperatorWorld.Service, OperatorWorld.Namespace, cancellationToken: cancellationToken);
        await world.CreateJobAsync(Name, InProcessWorld.Spec(), cancellationToken);
        await world.WaitForJobAsync(Name, job => job.Status?.Conditions.Any(c => c.Reason == ConditionReasons.WaitingForTarget) == true, cancellationToken);
        var (code, json) = await Kubectl.RunAsync(world.KubeconfigPath, cancellationToken, "get", "reindexjob", Name, "-o", "json");
        code.Should().Be(0, json);
        var copy = JsonNode.Parse(json)!["status"]!.AsObject();
        copy.Should().NotContainKey("submission").And.NotContainKey("jobId");

        await world.CreateServiceAsync(OperatorWorld.Service, cancellationToken);
        var tracked = await world.WaitForJobAsync(Name, job => job.Status?.JobId is not null, cancellationToken);
        return (copy, tracked);
    }

    /// <summary>Makes <paramref name="status"/> the same as <paramref name="copy"/>.</summary>
    private static void Replace(JsonObject status, JsonObject copy)
    {
        status.Clear();
        foreach (var (name, value) in copy)
        {
            status[name] = value?.DeepClone();
        }
    }

    /// <summary>
    /// Reads the job with the official Python client and replaces its status with <paramref name="copy"/> (an update of
    /// the status subresource; read again after a conflict with the operator's own writes, as a GitOps tool retries);
    /// exits with <see cref="RefusedExitCode"/>, printing the code and the API server's message, when refused.
    /// </summary>
    private static async Task<(int ExitCode, string Output)> ReplaceStatusWithPythonAsync(InProcessWorld world, JsonObject copy, CancellationToken cancellationToken)
    {
        var script = $"""
            import json, sys
            from kubernetes import client, config
            from kubernetes.client.rest import ApiException
            config.load_kube_config(sys.argv[1])
            api = client.CustomObjectsApi()
            args = ("{ReindexJob.ApiGroup}", "{ReindexJob.ApiVersionName}", "{OperatorWorld.Namespace}", "{ReindexJob.Plural}", "{Name}")
            for _ in range(50):
                job = api.get_namespaced_custom_object(*args)
                job["status"] = json.loads(sys.argv[2])
                try:
                    api.replace_namespaced_custom_object_status(*args, job)
                    sys.exit(0)
                except ApiException as refused:
                    if refused.status != 409:
                        print(refused.status, json.loads(refused.body)["message"])
                        sys.exit({RefusedExitCode})
            sys.exit("the status changed under every one of 50 replaces")
            """;
        var startInfo = new ProcessStartInfo(Python);
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(script);
        startInfo.ArgumentList.Add(world.KubeconfigPath);
        startInfo.ArgumentList.Add(copy.ToJsonString());
        startInfo.Environment.Remove("KUBECONFIG");
        return await ProcessRun.ToEndAsync(startInfo, cancellationToken);
    }
}
