using System.Reflection;
using System.Text.Json.Serialization;
using FutReindexOperator.Model;
using k8s;

namespace FutReindexOperator.Tests.Model;

/// <summary>
/// The resources' enums carry no converter of their own: KubernetesJson, through which the operator reads and writes
/// every object, writes an enum as its member name, or as its <see cref="JsonStringEnumMemberNameAttribute"/> name, the
/// names the CRD generator lists in the schema.
/// </summary>
public sealed class EnumWireFormatTests
{
    private static IEnumerable<Type> ModelEnums()
        => typeof(ReindexJob).Assembly.GetTypes().Where(type => type.IsEnum && type.IsPublic && type.Namespace == typeof(ReindexJob).Namespace);

    private static IEnumerable<(Enum Member, string Name)> MembersAndSchemaNames(Type type)
        => Enum.GetValues(type).Cast<Enum>().Select(member =>
            (member, type.GetField(member.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? member.ToString()));

    [Test]
    public void ModelEnums_AreTheOnesTheResourcesUse()
    {
        ModelEnums().Should().Contain([typeof(ReindexPhase), typeof(PlanPhase), typeof(PlanChildPhase), typeof(TargetScheme), typeof(OAuth2Grant)]);
    }

    [Test]
    public void EveryModelEnumMember_WrittenThroughKubernetesJson_IsItsSchemaName()
    {
        var written = ModelEnums().SelectMany(MembersAndSchemaNames).Select(pair => (pair.Member, Json: KubernetesJson.Serialize(pair.Member), pair.Name));

        written.Should().OnlyContain(entry => entry.Json == $"\"{entry.Name}\"");
    }

    [Test]
    public void EveryModelEnumSchemaName_ReadThroughKubernetesJson_IsItsMember()
    {
        var deserialize = typeof(KubernetesJson).GetMethods()
            .Single(method => method.Name == nameof(KubernetesJson.Deserialize) && method.GetParameters()[0].ParameterType == typeof(string));

        var read = ModelEnums().SelectMany(type => MembersAndSchemaNames(type).Select(pair =>
            (pair.Member, Read: deserialize.MakeGenericMethod(type).Invoke(null, [$"\"{pair.Name}\"", null]))));

        read.Should().OnlyContain(entry => Equals(entry.Read, entry.Member));
    }
}
