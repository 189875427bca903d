namespace FutReindexOperator.Testing.KubeApiServer.Authorization;

/// <summary>An authorizer's answer: allowed or not, and why (kube-apiserver's reason text, possibly empty).</summary>
public sealed record AuthorizationDecision(bool Allowed, string Reason);
