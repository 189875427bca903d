using FutReindexOperator.Testing.HapiSimulator.Mesh;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Mesh;

public sealed class MeshTargetTests
{
    private static readonly HashSet<string> Services = ["organization", "careplan"];

    [TestCase("/organization/fhir/$reindex", "organization", "$reindex")]
    [TestCase("/careplan/fhir/Organization/$reindex", "careplan", "$reindex")]
    [TestCase("/auth/realms/ehealth/protocol/openid-connect/token", MeshTarget.KeycloakName, "token")]
    [TestCase("/patient/fhir/$reindex", null, "$reindex")]
    [TestCase("/organization/$reindex", null, "$reindex")]
    public void Resolve_Path_RoutesToTheUpstream(string path, string? name, string operation)
    {
        MeshTarget.Resolve(path, Services).Should().Be(new MeshTarget(name, operation));
    }
}
