using System.Globalization;
using System.Text.Json.Nodes;
using FutReindexOperator.Packaging.Tests.Support;

namespace FutReindexOperator.Packaging.Tests.Container;

/// <summary>
/// The operator image, built here from the repository's Dockerfile (docs/image.md):
/// <list type="number">
/// <item>hack/base-image.sh makes the <c>RUNTIME_IMAGE</c>: a debootstrap rootfs (cached under /var/cache) with the local
/// .NET runtime, because the registry's aspnet image cannot be pulled here;</item>
/// <item><c>dotnet publish</c> on the host stands in for the Dockerfile's SDK stage (the SDK image cannot be pulled
/// either), with the same arguments but ReadyToRun;</item>
/// <item><c>buildah bud --build-context build=…</c> builds the Dockerfile's final stage unchanged, its
/// <c>COPY --from=build /app</c> reading the publish output.</item>
/// </list>
/// Containers run with podman's runc runtime: crun 1.8 refuses this machine's hybrid cgroup layout ("cgroups in hybrid
/// mode not supported, drop all controllers from cgroupv2"). Their rlimits are this process's own: root here lacks
/// CAP_SYS_RESOURCE, so podman's default limits cannot be set ("error setting rlimit type 7: operation not permitted").
/// </summary>
internal sealed class LocalImage
{
    /// <summary>A fresh machine: debootstrap, a Release publish and the image; a warm one reuses the rootfs and base image.</summary>
    public static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(12);

    private const string BaseRepository = "localhost/fut-reindex-operator-base";
    private LocalImage(string name)
    {
        _name = name;
    }

    private readonly string _name;

    /// <summary>Builds the base (unless cached) and the operator image.</summary>
    public static async Task<LocalImage> BuildAsync(CancellationToken cancellationToken)
    {
        foreach (var tool in new[] { "buildah", "podman", "runc", "debootstrap" })
        {
            ExternalCommand.IsInstalled(tool).Should().BeTrue($"{tool} builds or runs the image (.ci/run installs it)");
        }

        const string name = "localhost/fut-reindex-operator:packaging-test";
        var baseImage = (await RunCheckedAsync(RepositoryRoot.Combine("hack/base-image.sh"), [BaseRepository], cancellationToken)).StandardOutput.Trim();
        var context = Directory.CreateTempSubdirectory("fut-reindex-image-build-").FullName;
        try
        {
            // The Dockerfile's build stage, on the host: same project, configuration, runtime and output folder, without
            // ReadyToRun (crossgen of Hl7.Fhir.R4 and the rest costs minutes of CPU; it changes start-up time, not
            // what runs or what it may touch).
            await RunCheckedAsync(
                "dotnet",
                ["publish", RepositoryRoot.Combine("src/FutReindexOperator/FutReindexOperator.csproj"), "-c", "Release", "-r", "linux-x64",
                    "--self-contained", "false", "-p:PublishReadyToRun=false", "-o", Path.Combine(context, "app")],
                cancellationToken);
            await RunCheckedAsync(
                "buildah",
                ["bud", "--layers=false", "--build-context", $"build={context}", "--build-arg", $"RUNTIME_IMAGE={baseImage}",
                    "-f", RepositoryRoot.Combine("Dockerfile"), "-t", name, RepositoryRoot.Path],
                cancellationToken);
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }

        return new LocalImage(name);
    }

    /// <summary>The image's OCI config (User, Env, Entrypoint, WorkingDir…).</summary>
    public async Task<JsonObject> ConfigAsync(CancellationToken cancellationToken)
    {
        var inspect = await RunCheckedAsync("buildah", ["inspect", "--type", "image", _name], cancellationToken);
        return JsonNode.Parse(inspect.StandardOutput)!["OCIv1"]!["config"]!.AsObject();
    }

    /// <summary>
    /// Starts the image detached on the host's network, under <paramref name="security"/>, with
    /// <paramref name="kubeconfig"/> mounted read-only and <paramref name="environment"/> set.
    /// </summary>
    public async Task<RunningContainer> RunAsync(
        ImageTests.ContainerSecurity security, string kubeconfig, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var name = $"fut-reindex-operator-test-{Guid.NewGuid():N}";
        List<string> arguments =
        [
            "--runtime", "runc", "run", "--detach", "--name", name, "--network=host", "--pull=never",
            .. HostLimits(),
            .. security.PodmanFlags(),
            $"--volume={kubeconfig}:/etc/fut-reindex-operator/kubeconfig:ro",
            "--env=KUBECONFIG=/etc/fut-reindex-operator/kubeconfig",
            .. environment.Select(variable => $"--env={variable.Key}={variable.Value}"),
            _name,
        ];
        await RunCheckedAsync("podman", arguments, cancellationToken);
        return new RunningContainer(name);
    }

    /// <summary>
    /// podman --ulimit flags no higher than this process's limits, which nothing here may raise: open files at this
    /// process's soft limit, processes at most <see cref="ProcessLimit"/> (podman lowers its own below the shell's).
    /// </summary>
    private static IEnumerable<string> HostLimits()
    {
        var limits = File.ReadAllLines("/proc/self/limits");
        var openFiles = Soft(limits, "Max open files");
        var processes = Math.Min(Soft(limits, "Max processes"), ProcessLimit);
        yield return FormattableString.Invariant($"--ulimit=nofile={openFiles}:{openFiles}");
        yield return FormattableString.Invariant($"--ulimit=nproc={processes}:{processes}");
    }

    /// <summary>Threads of the container's user: ample for the operator (a few dozen threads).</summary>
    private const long ProcessLimit = 4096;

    private static long Soft(string[] limits, string title)
    {
        var soft = limits.Single(line => line.StartsWith(title, StringComparison.Ordinal))[title.Length..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return soft == "unlimited" ? long.MaxValue : long.Parse(soft, CultureInfo.InvariantCulture);
    }

    private static async Task<ProcessResult> RunCheckedAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var result = await ExternalCommand.RunAsync(fileName, arguments, RepositoryRoot.Path, new Dictionary<string, string>(), BuildTimeout, cancellationToken);
        result.ExitCode.Should().Be(0, $"{fileName} {string.Join(' ', arguments)} must succeed: {result}");
        return result;
    }

    /// <summary>A container started by <see cref="RunAsync"/>; disposal removes it, running or not.</summary>
    internal sealed class RunningContainer(string name) : IAsyncDisposable
    {
        /// <summary>/proc/1/status inside the container: the operator process's ids, capabilities and flags.</summary>
        public async Task<string> ProcessStatusAsync(CancellationToken cancellationToken) =>
            (await RunCheckedAsync("podman", ["exec", name, "cat", "/proc/1/status"], cancellationToken)).StandardOutput;

        /// <summary>Everything the operator wrote.</summary>
        public async Task<string> LogsAsync(CancellationToken cancellationToken)
        {
            var logs = await ExternalCommand.RunAsync("podman", ["logs", name], RepositoryRoot.Path, cancellationToken);
            return logs.StandardOutput + logs.StandardError;
        }

        public async ValueTask DisposeAsync()
        {
            using var timeout = new CancellationTokenSource(ExternalCommand.Timeout);
            await ExternalCommand.RunAsync("podman", ["rm", "--force", "--time", "5", name], RepositoryRoot.Path, timeout.Token);
        }
    }
}
