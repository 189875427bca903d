using System.Text.Json.Nodes;
using FutReindexOperator.Model;
using k8s;

namespace FutReindexOperator.Decisions;

/// <summary>
/// The one answer to "did the status change?": the JSON merge patch (RFC 7386) from the status a decision read to the one
/// it built, the members that differ, and an explicit null for each value the new status clears, nested ones included (a
/// merge patch leaves alone what it does not name). Empty when nothing changed: the decision then asks for no write
/// (<see cref="DecisionContext"/>), and the shell sends none (<c>JobStatusWrites</c>).
/// </summary>
public static class StatusPatch
{
    /// <summary>
    /// The members that say which run the status is about and where it stands: the phase, the rerun handled, the
    /// submission marker and the job id. The exactly-once promise rests on them (a FHIR job is submitted only after the
    /// marker is written, and a job id once written is followed until the run ends), and a run's events and its end in the
    /// metrics follow their changes.
    /// </summary>
    private static readonly string[] RunStateMembers = ["phase", "lastHandledRerun", "submission", "jobId"];

    public static JsonObject Between(ReindexJobStatus? current, ReindexJobStatus desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var from = current is null ? [] : ToObject(current);
        return Diff(from, ToObject(desired));
    }

    /// <summary>
    /// Whether <paramref name="patch"/> must be written with the optimistic lock on the resourceVersion it was decided on:
    /// when it changes the run's state (<see cref="RunStateMembers"/>): the submission marker before the POST, the job id
    /// and the end of an uncertain or failed submission after it, a rerun's reset, every change of phase. Such a write
    /// is a compare-and-swap: it lands only on the very status it leaves, so a decision on an old copy (a deposed
    /// leader's, past its leadership fence) never sends a second POST, replaces or clears a job id, ends a newer run or
    /// moves a phase back. Any other patch (polling progress, waiting, retry counts and times, observedGeneration, a
    /// note in the message) is plain: it names none of those members, so it cannot change what the promise rests on,
    /// and it needs no lock against edits of the job's spec or metadata.
    /// </summary>
    public static bool NeedsLock(JsonObject patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return RunStateMembers.Any(patch.ContainsKey);
    }

    private static JsonObject ToObject(ReindexJobStatus status)
        => JsonNode.Parse(KubernetesJson.Serialize(status)) as JsonObject ?? [];

    private static JsonObject Diff(JsonObject from, JsonObject to)
    {
        var patch = new JsonObject();
        foreach (var (name, value) in to)
        {
            if (value is null)
            {
                continue;
            }

            var old = from[name];
            if (value is JsonObject toChild && old is JsonObject fromChild)
            {
                var child = Diff(fromChild, toChild);
                if (child.Count > 0)
                {
                    patch[name] = child;
                }
            }
            else if (!JsonNode.DeepEquals(old, value))
            {
                patch[name] = value.DeepClone();
            }
        }

        foreach (var (name, value) in from)
        {
            if (value is not null && to[name] is null)
            {
                patch[name] = null;
            }
        }

        return patch;
    }
}
