namespace FutReindexOperator.Sandbox.Options;

/// <summary>Either the options or a message naming the bad option and what it expects.</summary>
public sealed record SandboxOptionsParseResult(SandboxOptions? Options, string? Error);
