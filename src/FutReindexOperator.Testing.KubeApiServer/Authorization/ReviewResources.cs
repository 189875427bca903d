using FutReindexOperator.Testing.KubeApiServer.Resources;
using k8s.Models;

namespace FutReindexOperator.Testing.KubeApiServer.Authorization;

/// <summary>
/// The review resources kube-apiserver serves for asking about access: create-only, never stored.
/// <c>kubectl auth can-i</c> creates a SelfSubjectAccessReview, <c>kubectl auth can-i --list</c> a
/// SelfSubjectRulesReview, <c>kubectl auth whoami</c> a SelfSubjectReview.
/// </summary>
public static class ReviewResources
{
    public static ResourceDefinition SelfSubjectAccessReviews { get; } = Review("authorization.k8s.io", "selfsubjectaccessreviews", "SelfSubjectAccessReview", typeof(V1SelfSubjectAccessReview));

    public static ResourceDefinition SelfSubjectRulesReviews { get; } = Review("authorization.k8s.io", "selfsubjectrulesreviews", "SelfSubjectRulesReview", typeof(V1SelfSubjectRulesReview));

    public static ResourceDefinition SelfSubjectReviews { get; } = Review("authentication.k8s.io", "selfsubjectreviews", "SelfSubjectReview", typeof(V1SelfSubjectReview));

    public static IReadOnlyList<ResourceDefinition> All { get; } = [SelfSubjectAccessReviews, SelfSubjectRulesReviews, SelfSubjectReviews];

    public static bool IsReview(ResourceDefinition definition) => All.Contains(definition);

    private static ResourceDefinition Review(string group, string plural, string kind, Type model) => new()
    {
        Group = group,
        Version = "v1",
        Plural = plural,
        Singular = "",
        Kind = kind,
        Model = model,
        Namespaced = false,
        Verbs = ["create"],
        StorageKey = plural + "." + group,
    };
}
