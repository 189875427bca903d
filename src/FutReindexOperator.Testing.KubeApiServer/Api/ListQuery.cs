using FutReindexOperator.Testing.KubeApiServer.Events;
using FutReindexOperator.Testing.KubeApiServer.Resources;
using FutReindexOperator.Testing.KubeApiServer.Selectors;
using FutReindexOperator.Testing.KubeApiServer.Storage;

namespace FutReindexOperator.Testing.KubeApiServer.Api;

/// <summary>The selectors and paging of a list or watch request.</summary>
public sealed class ListQuery
{
    private static readonly HashSet<string> EventFields = new(
        ["reason", "type", "source", "reportingComponent", "reportingController", "deprecatedSource"], StringComparer.Ordinal);

    private ListQuery(LabelSelector labels, FieldSelector fields)
    {
        Labels = labels;
        Fields = fields;
    }

    public LabelSelector Labels { get; }

    public FieldSelector Fields { get; }

    public int Limit { get; private init; }

    public ContinueToken? Continue { get; private init; }

    public bool Matches(StoredObject item) => Labels.Matches(item.Labels) && Fields.Matches(item.Json);

    public static ListQuery Parse(IQueryCollection query, ResourceDefinition definition)
    {
        var isEvents = definition.StorageKey == BuiltInResources.CoreEvents.StorageKey;
        var isSecrets = definition.StorageKey == BuiltInResources.Secrets.StorageKey;
        var fields = FieldSelector.Parse(
            query["fieldSelector"],
            path => path is "metadata.name" or "metadata.namespace" ||
                (isSecrets && path == "type") ||
                (isEvents && (path.StartsWith("involvedObject.", StringComparison.Ordinal) || path.StartsWith("regarding.", StringComparison.Ordinal) || EventFields.Contains(path))),
            path => isEvents ? EventConversion.CorePath(path) : path);
        // kube-apiserver reads limit with strconv.ParseInt; zero or negative means no paging.
        var limit = (int)Math.Clamp(QueryParameters.Number(query, "limit") ?? 0, 0, int.MaxValue);

        var continueText = query["continue"].ToString();
        return new ListQuery(LabelSelector.Parse(query["labelSelector"]), fields)
        {
            Limit = limit,
            Continue = continueText.Length > 0 ? ContinueToken.Decode(continueText) : null,
        };
    }
}
