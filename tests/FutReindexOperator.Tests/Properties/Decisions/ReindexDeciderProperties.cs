using System.Text.Json.Nodes;
using CsCheck;
using FutReindexOperator.Admission;
using FutReindexOperator.Decisions;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using FutReindexOperator.Targets;
using FutReindexOperator.Testing.Generators.Jobs;
using k8s;

namespace FutReindexOperator.Tests.Properties.Decisions;

/// <summary>
/// The decision's promises over jobs nobody listed: every spec, status and annotation the CRD's schema accepts, every
/// answer class of the server, any time. One decision at a time, then whole histories of decisions with reruns, spec
/// edits and clock jumps in between.
/// </summary>
[Category("Properties")]
public sealed class ReindexDeciderProperties
{
    [Test]
    public void Every_job_the_schema_accepts_is_read_by_the_model()
        => PropertyRun.Check(DecisionGen.Jobs.Job, json => DecisionGen.Read(json), iterations: 2000, print: json => json.ToJsonString());

    [Test]
    public void A_decision_never_throws_and_keeps_every_invariant()
    {
        var cases = DecisionGen.Jobs.Job.Where(DecisionGen.Readable).Select(json => (Stored: json["status"] as JsonObject, Job: DecisionGen.Read(json)))
            .SelectMany(read => Gen.Select(Gen.Const(read.Job), DecisionGen.Observation(read.Job), DecisionGen.Now(read.Job), DecisionGen.Policy, Gen.Const(read.Stored)));
        PropertyRun.Check(
            cases,
            input =>
            {
                var (job, observation, now, policy, stored) = input;
                var decision = ReindexDecider.Decide(job, observation, now, policy);
                DecisionChecks.EachWrite(job, decision, (before, status) =>
                {
                    DecisionChecks.StatusPassesSchema(status);
                    DecisionChecks.PhaseAndMessage(before.Status, status);
                    DecisionChecks.NoStatusBackwards(before, status);
                    DecisionChecks.StuckJobLeavesTheSlot(before, status);
                });

                DecisionChecks.WritesPassTheStatusRules(stored, job, decision);
                DecisionChecks.DelayBounded(job, decision, now, policy);
                DecisionChecks.OnePostPerRun(job, decision);
                DecisionChecks.EventsBounded(decision);
                DecisionChecks.TransitionsInTheTable(decision);
            },
            iterations: 5000,
            print: input => Describe(input.Item1, input.Item2, input.Item3));
    }

    [Test]
    public void Runs_keep_their_promises_over_generated_histories()
        => PropertyRun.Check(History.Cases, history => history.Play(), iterations: 1200, print: history => history.ToString());

    [Test]
    public void Jobs_whose_base_paths_resolve_to_the_same_FHIR_base_share_the_per_target_limit()
    {
        var jobs = DecisionGen.Jobs.Job.Where(DecisionGen.Readable).Select(DecisionGen.Read);
        PropertyRun.Check(
            jobs,
            job =>
            {
                // The twin names, as its base path, the path of the FHIR base the job's requests actually go to.
                if (TargetResolver.FromService(job, DecisionGen.Service(job), new TargetOptions()) is not TargetObservation.Resolved resolved)
                {
                    return;
                }

                var twin = DecisionGen.Read((JsonObject)JsonNode.Parse(KubernetesJson.Serialize(job))!);
                twin.Spec.Target.BasePath = resolved.Base.Uri.AbsolutePath;
                var twinBase = TargetResolver.FromService(twin, DecisionGen.Service(twin), new TargetOptions());
                if (twinBase is TargetObservation.Resolved same && same.Base == resolved.Base && !PeerJob.SameTarget(job, twin))
                {
                    throw new InvariantViolation("I4", $"base paths '{job.Spec.Target.BasePath}' and '{twin.Spec.Target.BasePath}' resolve to one FHIR base {resolved.Base} but count as targets {PeerJob.TargetOf(job)} and {PeerJob.TargetOf(twin)}");
                }
            },
            iterations: 1000,
            print: job => job.Spec.Target.BasePath);
    }

    internal static string Describe(ReindexJob job, ReindexObservation observation, DateTimeOffset now)
        => $"now {now:o}; observation {observation.Target}, submission {observation.Submission}, poll {observation.Poll}, peers {observation.Peers.Count}, jitter {observation.JitterSample}; job {KubernetesJson.Serialize(job)}";

    /// <summary>
    /// A history of one job: decisions with the server's answers fed back as the shell would, interleaved with reruns
    /// requested, specs edited (an API server that does not enforce immutability) and clock jumps.
    /// </summary>
    internal sealed record History(JsonObject Start, IReadOnlyList<Step> Steps, ReindexOperatorPolicy Policy)
    {
        public static readonly Gen<History> Cases = Gen.Select(
            DecisionGen.Jobs.Job.Where(DecisionGen.Readable).Select(job =>
            {
                job.Remove("status");
                ((JsonObject)job["metadata"]!)["annotations"]!.AsObject().Remove(MetadataGen.RerunAnnotation);
                return job;
            }),
            Step.Gen.Array[4, 24],
            DecisionGen.Policy,
            (start, steps, policy) => new History(start, steps, policy));

        public void Play()
        {
            var job = DecisionGen.Read(Start);
            var now = new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
            var posts = 0;
            FhirBase? pinned = null;
            string? run = null;
            foreach (var step in Steps)
            {
                switch (step.Kind)
                {
                    case StepKind.Rerun:
                        (job.Metadata.Annotations ??= new Dictionary<string, string>())[ReindexJob.RerunAnnotation] = step.Token;
                        continue;
                    case StepKind.EditSpec:
                        var edited = Start.DeepClone().AsObject();
                        edited["spec"] = step.Spec.DeepClone();
                        if (DecisionGen.Readable(edited))
                        {
                            job.Spec = DecisionGen.Read(edited).Spec;
                            job.Metadata.Generation = (job.Metadata.Generation ?? 1) + 1;
                        }

                        continue;
                    case StepKind.ClockJump:
                        now = Shift(now, step.Jump);
                        continue;
                }

                now = Shift(now, step.Advance);
                var observation = new ReindexObservation
                {
                    Target = step.TargetKind switch
                    {
                        2 => new TargetObservation.NotFound("service fhir not found"),
                        3 => new TargetObservation.Refused("the Service is of type ExternalName"),
                        _ => TargetResolver.FromService(job, DecisionGen.Service(job), new TargetOptions()),
                    },
                    JitterSample = step.Jitter,
                };
                var shell = new CheckingShell(this, step, now, posts, pinned, run);
                job = ReindexRun.ReconcileAsync(job, observation, Policy, shell, CancellationToken.None).GetAwaiter().GetResult() switch
                {
                    ReindexStep.Wait or ReindexStep.Done => shell.Job ?? job,
                    var last => throw new InvariantViolation("I2", $"a reconcile ended with the step {last}"),
                };
                (posts, pinned, run) = (shell.Posts, shell.Pinned, shell.Run);
            }
        }

        public override string ToString()
            => $"start {Start.ToJsonString()}; steps {string.Join(" | ", Steps)}";

        private void Check(ReindexJob job, ReindexDecision decision, DateTimeOffset now)
        {
            DecisionChecks.EachWrite(job, decision, (before, status) =>
            {
                DecisionChecks.StatusPassesSchema(status);
                DecisionChecks.PhaseAndMessage(before.Status, status);
                DecisionChecks.NoStatusBackwards(before, status);
            });

            DecisionChecks.WritesPassTheStatusRules(job.Status is null ? null : (JsonObject)JsonNode.Parse(KubernetesJson.Serialize(job.Status))!, job, decision);
            DecisionChecks.DelayBounded(job, decision, now, Policy);
            DecisionChecks.OnePostPerRun(job, decision);
            DecisionChecks.TransitionsInTheTable(decision);
        }

        /// <summary>I9: a decision that ends a run while a rerun is requested comes back for it instead of stopping.</summary>
        private static void RerunIsNotForgotten(ReindexJob job, ReindexDecision decision)
        {
            if (job.Status?.Phase is { } phase && phase.IsTerminal() && job.RerunToken is { } token && RerunTokens.Recorded(token) != job.Status.LastHandledRerun
                && decision.Next is ReindexStep.Done)
            {
                throw new InvariantViolation("I9", $"the run ended {phase} with rerun '{token}' requested, and nothing brings the job back to start it");
            }
        }

        /// <summary>
        /// Carries out one reconcile's decisions on the history's job, checking each decision and each call: the server's
        /// answers are the step's.
        /// </summary>
        private sealed class CheckingShell(History history, Step step, DateTimeOffset now, int posts, FhirBase? pinned, string? run) : IReindexRunShell
        {
            public ReindexJob? Job { get; private set; }

            public int Posts { get; private set; } = posts;

            public FhirBase? Pinned { get; private set; } = pinned;

            public string? Run { get; private set; } = run;

            public DateTimeOffset Now => now;

            private SubmissionState? _previousAttempt;

            public Task<ReindexJob?> CarryOutAsync(ReindexJob job, ReindexDecision decision, CancellationToken cancellationToken)
            {
                history.Check(job, decision, now);
                _previousAttempt = job.Status?.Submission?.State;
                if (DecisionGen.WrittenStatuses(decision).LastOrDefault() is { } written)
                {
                    if (written.LastHandledRerun != Run || written.RunGeneration is null)
                    {
                        (Run, Posts, Pinned) = (written.LastHandledRerun, 0, null);
                    }

                    job.Status = written;
                }

                if (job.Status is { JobId: null, Submission: null or { State: SubmissionState.NotSent } })
                {
                    // Nothing of this run may have reached the server yet: the spec may still change.
                    Pinned = null;
                }

                if (decision.Next is ReindexStep.Wait or ReindexStep.Done)
                {
                    RerunIsNotForgotten(job, decision);
                }

                Job = job;
                return Task.FromResult<ReindexJob?>(job);
            }

            public Task<SubmitOutcome> SubmitAsync(ReindexJob job, ReindexStep.Submit submit, CancellationToken cancellationToken)
            {
                Pin(submit.Target);

                // A POST whose predecessor certainly did not reach the server (NotSent) is the same submission again.
                Posts += _previousAttempt == SubmissionState.NotSent ? 0 : 1;
                if (Posts > 1 && job.Status?.Submission?.DuplicatePossible != true)
                {
                    throw new InvariantViolation("I2", $"POST number {Posts} of one run without DuplicatePossible recorded");
                }

                return Task.FromResult(step.Submission);
            }

            public Task<PollOutcome> PollAsync(ReindexJob job, ReindexStep.Poll poll, CancellationToken cancellationToken)
            {
                Pin(poll.Target);
                return Task.FromResult(step.Poll);
            }

            private void Pin(FhirBase target)
            {
                Pinned ??= target;
                if (target != Pinned)
                {
                    throw new InvariantViolation("I8", $"a call of the run went to {target}, its run started on {Pinned}");
                }
            }
        }

        private static DateTimeOffset Shift(DateTimeOffset time, TimeSpan by)
            => by > TimeSpan.Zero && DateTimeOffset.MaxValue - time < by ? DateTimeOffset.MaxValue
            : by < TimeSpan.Zero && time - DateTimeOffset.MinValue < -by ? DateTimeOffset.MinValue
            : time + by;
    }

    internal enum StepKind
    {
        Reconcile,
        Rerun,
        EditSpec,
        ClockJump,
    }

    /// <summary>One event of a history, with everything it needs drawn up front so that CsCheck can shrink it.</summary>
    internal sealed record Step(StepKind Kind, TimeSpan Advance, TimeSpan Jump, string Token, JsonObject Spec, int TargetKind, double Jitter, SubmitOutcome Submission, PollOutcome Poll)
    {
        public static readonly Gen<Step> Gen = CsCheck.Gen.Select(
            CsCheck.Gen.Frequency<StepKind>((12, CsCheck.Gen.Const(StepKind.Reconcile)), (1, CsCheck.Gen.Const(StepKind.Rerun)), (1, CsCheck.Gen.Const(StepKind.EditSpec)), (1, CsCheck.Gen.Const(StepKind.ClockJump))),
            CsCheck.Gen.Frequency<TimeSpan>((3, CsCheck.Gen.Long[0, 120_000].Select(TimeSpan.FromMilliseconds)), (1, CsCheck.Gen.Long[0, 100].Select(hours => TimeSpan.FromHours(hours)))),
            CsCheck.Gen.Long[-3650, 3650].Select(days => TimeSpan.FromDays(days)),
            MetadataGen.RerunToken,
            DecisionGen.Jobs.Spec,
            CsCheck.Gen.Int[0, 7].Select(kind => kind < 6 ? 0 : kind - 4),
            CsCheck.Gen.Double[0, 0.999_999],
            DecisionGen.SubmitOutcome,
            DecisionGen.PollOutcome,
            (kind, advance, jump, token, spec, targetKind, jitter, submission, poll) => new Step(kind, advance, jump, token, spec, targetKind, jitter, submission, poll));

        public override string ToString() => Kind switch
        {
            StepKind.Rerun => $"rerun '{Token}'",
            StepKind.EditSpec => $"edit spec {Spec.ToJsonString()}",
            StepKind.ClockJump => $"clock {Jump}",
            _ => $"+{Advance} reconcile → {Submission} / {Poll}",
        };
    }
}
