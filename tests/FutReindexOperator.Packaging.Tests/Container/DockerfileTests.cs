using System.Text.RegularExpressions;
using System.Xml.Linq;
using FutReindexOperator.Packaging.Tests.Support;

namespace FutReindexOperator.Packaging.Tests.Container;

/// <summary>The Dockerfile and .dockerignore, read as text (no Docker engine here).</summary>
public sealed partial class DockerfileTests
{
    private const string OperatorProject = "src/FutReindexOperator/FutReindexOperator.csproj";

    private static IReadOnlyList<string> Instructions() =>
    [
        .. RepositoryRoot.ReadText("Dockerfile").Replace("\\\n", " ", StringComparison.Ordinal).Split('\n')
            .Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#')),
    ];

    /// <summary>The instructions of each stage, in order.</summary>
    private static List<List<string>> Stages()
    {
        var stages = new List<List<string>>();
        foreach (var instruction in Instructions())
        {
            if (instruction.StartsWith("FROM ", StringComparison.Ordinal))
            {
                stages.Add([]);
            }

            if (stages.Count > 0)
            {
                stages[^1].Add(instruction);
            }
        }

        return stages;
    }

    /// <summary>The operator's project and every project it references, directly or not, as repository paths.</summary>
    private static List<string> OperatorProjects()
    {
        var found = new List<string>();
        var pending = new Queue<string>([OperatorProject]);
        while (pending.TryDequeue(out var project))
        {
            if (found.Contains(project))
            {
                continue;
            }

            found.Add(project);
            var folder = Path.GetDirectoryName(RepositoryRoot.Combine(project))!;
            foreach (var reference in XDocument.Load(RepositoryRoot.Combine(project)).Descendants("ProjectReference"))
            {
                var path = Path.GetFullPath(Path.Combine(folder, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                pending.Enqueue(Path.GetRelativePath(RepositoryRoot.Path, path).Replace('\\', '/'));
            }
        }

        return found;
    }

    [Test]
    public void The_build_stage_copies_and_the_context_keeps_every_project_the_operator_needs()
    {
        var build = Stages()[0];
        var dockerignore = RepositoryRoot.ReadText(".dockerignore").Split('\n');

        foreach (var project in OperatorProjects())
        {
            var folder = Path.GetDirectoryName(project)!.Replace('\\', '/') + "/";
            build.Should().Contain($"COPY {project} {folder}", "the restore layer needs every project file");
            build.Should().Contain($"COPY {folder} {folder}", "the publish needs every project's sources");
            dockerignore.Should().Contain($"!{folder}", "the build context must hold every project");
        }
    }

    [Test]
    public void The_app_is_published_ReadyToRun_from_the_SDK_image_onto_the_ASP_NET_runtime_image()
    {
        var stages = Stages();

        stages.Should().HaveCount(2);
        stages[0][0].Should().Be("FROM --platform=$BUILDPLATFORM ${SDK_IMAGE} AS build");
        stages[0].Should().Contain(instruction => instruction.Contains("dotnet publish " + OperatorProject, StringComparison.Ordinal)
            && instruction.Contains("-p:PublishReadyToRun=true", StringComparison.Ordinal) && instruction.Contains("-o /app", StringComparison.Ordinal));
        stages[1][0].Should().Be("FROM ${RUNTIME_IMAGE}");
    }

    [Test]
    public void The_base_images_are_build_arguments_defaulting_to_Microsofts_SDK_and_ASP_NET_images()
    {
        var globalArguments = Instructions().TakeWhile(instruction => !instruction.StartsWith("FROM ", StringComparison.Ordinal));

        globalArguments.Should().Contain("ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0")
            .And.Contain("ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0");
    }

    [Test]
    public void The_final_image_holds_only_the_published_app()
    {
        var final = Stages()[^1];

        final.Where(instruction => instruction.StartsWith("COPY ", StringComparison.Ordinal) || instruction.StartsWith("ADD ", StringComparison.Ordinal))
            .Should().Equal("COPY --from=build /app ./");
        final.Should().NotContain(instruction => instruction.StartsWith("RUN ", StringComparison.Ordinal));
        final.Should().Contain("ENTRYPOINT [\"dotnet\", \"FutReindexOperator.dll\"]");
    }

    [Test]
    public void The_final_image_runs_as_a_non_root_numeric_user()
    {
        var user = Stages()[^1].Last(instruction => instruction.StartsWith("USER ", StringComparison.Ordinal));

        var match = NumericUser().Match(user);
        match.Success.Should().BeTrue($"'{user}' must name a numeric user, so that runAsNonRoot can verify it");
        int.Parse(match.Groups["uid"].Value, System.Globalization.CultureInfo.InvariantCulture).Should().BePositive();
    }

    [GeneratedRegex(@"^USER (?<uid>[0-9]+)(:[0-9]+)?$")]
    private static partial Regex NumericUser();
}
