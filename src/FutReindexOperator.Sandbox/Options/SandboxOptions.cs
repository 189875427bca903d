namespace FutReindexOperator.Sandbox.Options;

/// <summary>What the sandbox runs; parsed from the command line by <see cref="SandboxOptionsParser"/>.</summary>
public sealed record SandboxOptions
{
    /// <summary>The namespace of the samples and the generated jobs.</summary>
    public const string Namespace = "fut";

    /// <summary>Extra generated ReindexJobs, spread over the services, besides the samples. <value>Default: 0.</value></summary>
    public int ExtraJobs { get; init; }

    /// <summary>How long simulated jobs take. <value>Default: <see cref="SimulatedSpeed.Fast"/>.</value></summary>
    public SimulatedSpeed Speed { get; init; } = SimulatedSpeed.Fast;

    /// <summary>Faults injected into the simulator and the API server. <value>Default: <see cref="FaultProfile.None"/>.</value></summary>
    public FaultProfile Faults { get; init; } = FaultProfile.None;

    /// <summary>Whether everything keeps running after the summary, for kubectl. <value>Default: false.</value></summary>
    public bool Keep { get; init; }

    /// <summary>How long the jobs may take to reach their outcomes before the run counts as failed. <value>Default: 2 minutes.</value></summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether only the usage text is asked for. <value>Default: false.</value></summary>
    public bool ShowHelp { get; init; }
}
