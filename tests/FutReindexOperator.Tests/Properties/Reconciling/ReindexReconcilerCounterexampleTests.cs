using System.Text.Json.Nodes;
using static FutReindexOperator.Tests.Properties.Reconciling.ReindexReconcilerModelProperties;

namespace FutReindexOperator.Tests.Properties.Reconciling;

/// <summary>The shrunk histories the reconciler's model property found, each kept as a specification of its own.</summary>
public sealed class ReindexReconcilerCounterexampleTests
{
    private static readonly JsonObject Spec = new()
    {
        ["target"] = new JsonObject { ["service"] = "fhir", ["basePath"] = "/fhir" },
        ["urls"] = new JsonArray("Organization?"),
        ["auth"] = new JsonObject { ["none"] = new JsonObject() },
    };

    [Test]
    public void RerunRequestedWhileTheRunIsGoing_StartsWhenTheRunEnds()
    {
        // Shrunk from The_reconciler_keeps_its_promises_over_generated_histories (issue 13, case 8): the run ended with
        // nothing to bring the job back, so the rerun never started.
        var history = new Scenario(Spec, [
            new Event(EventKind.Reconcile, Answer.Good, TimeSpan.FromSeconds(37), "", "fhir"),
            new Event(EventKind.Rerun, Answer.Good, TimeSpan.Zero, "again", "fhir"),
            new Event(EventKind.Reconcile, Answer.Envoy503, TimeSpan.FromHours(128), "", "fhir"),
        ]);

        FluentActions.Invoking(history.Play).Should().NotThrow();
    }

    [Test]
    public void CacheLaggingBehindTheOperatorsOwnWrites_DoesNotPollThePreviousRunsTarget()
    {
        // From The_reconciler_keeps_its_promises_over_generated_histories (seed 0TYxE2GiS213, I8): the cache lagged
        // while a run ended and its rerun started on the edited spec (fhir-b); decided on the stale copy, the next
        // reconciles polled the previous run's job at its target (fhir) again.
        var history = new Scenario(Spec, [
            new Event(EventKind.Reconcile, Answer.Good, TimeSpan.FromSeconds(42), "", "fhir"),
            new Event(EventKind.Rerun, Answer.Good, TimeSpan.Zero, "again", "fhir"),
            new Event(EventKind.EditSpec, Answer.Good, TimeSpan.Zero, "", "fhir-b"),
            new Event(EventKind.CacheLags, Answer.Good, TimeSpan.Zero, "", "fhir"),
            new Event(EventKind.Reconcile, Answer.Good, TimeSpan.FromSeconds(60), "", "fhir"),
            new Event(EventKind.Reconcile, Answer.Good, TimeSpan.FromSeconds(10), "", "fhir"),
        ]);

        FluentActions.Invoking(history.Play).Should().NotThrow();
    }

    [Test]
    public void LeaderTakingOverWithALaggingCache_DoesNotPollThePreviousRunsJob()
    {
        // Shrunk from The_reconciler_keeps_its_promises_over_generated_histories (seed dorDScV-Py14, I8): the rerun's run
        // went to the edited target (fhir-b) while the cache lagged; a new leader (Restart) decided on the stale copy and
        // polled the previous run's job at that job's own target (fhir). Its term now holds the job until the cache shows
        // the version the API server held when the term began (the runtime's TakeoverBarrier), so every poll goes to
        // the current run's target.
        var history = new Scenario(Spec, [
            new Event(EventKind.Reconcile, Answer.Good, TimeSpan.FromSeconds(42), "", "fhir"),
            new Event(EventKind.Rerun, Answer.Good, TimeSpan.Zero, "again", "fhir"),
            new Event(EventKind.EditSpec, Answer.Good, TimeSpan.Zero, "", "fhir-b"),
            new Event(EventKind.CacheLags, Answer.Good, TimeSpan.Zero, "", "fhir"),
            new Event(EventKind.Reconcile, Answer.Good, TimeSpan.FromSeconds(60), "", "fhir"),
            new Event(EventKind.Restart, Answer.Good, TimeSpan.Zero, "", "fhir"),
            new Event(EventKind.Reconcile, Answer.Good, TimeSpan.FromSeconds(10), "", "fhir"),
        ]);

        FluentActions.Invoking(history.Play).Should().NotThrow();
    }
}
