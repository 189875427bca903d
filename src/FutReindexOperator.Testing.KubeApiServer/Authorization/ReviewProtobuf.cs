using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Serialization;

namespace FutReindexOperator.Testing.KubeApiServer.Authorization;

/// <summary>
/// The protobuf forms of the review kinds kubectl sends (<c>auth can-i</c>, <c>auth can-i --list</c>, <c>auth whoami</c>
/// create them as protobuf), decoded to their JSON shape. Field numbers are those of the Kubernetes
/// <c>authorization/v1</c> and <c>authentication/v1</c> <c>generated.proto</c>.
/// </summary>
public static class ReviewProtobuf
{
    /// <summary>The object's fields but <c>apiVersion</c> and <c>kind</c>: its spec (metadata and status are set by the server).</summary>
    public static JsonObject Decode(string kind, ReadOnlySpan<byte> raw)
    {
        var value = new JsonObject();
        var reader = new ProtobufReader(raw);
        while (!reader.End)
        {
            var (field, wireType) = reader.ReadTag();
            if (field == 2 && kind != "SelfSubjectReview")
            {
                value["spec"] = kind == "SelfSubjectAccessReview" ? AccessReviewSpec(reader.ReadBytes()) : Strings(reader.ReadBytes(), "namespace");
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return value;
    }

    private static JsonObject AccessReviewSpec(ReadOnlySpan<byte> raw)
    {
        var spec = new JsonObject();
        var reader = new ProtobufReader(raw);
        while (!reader.End)
        {
            var (field, wireType) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    spec["resourceAttributes"] = Strings(reader.ReadBytes(), "namespace", "verb", "group", "version", "resource", "subresource", "name");
                    break;
                case 2:
                    spec["nonResourceAttributes"] = Strings(reader.ReadBytes(), "path", "verb");
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return spec;
    }

    /// <summary>A message of string fields numbered 1, 2, ... in the order of <paramref name="names"/>; other fields are skipped.</summary>
    private static JsonObject Strings(ReadOnlySpan<byte> raw, params string[] names)
    {
        var value = new JsonObject();
        var reader = new ProtobufReader(raw);
        while (!reader.End)
        {
            var (field, wireType) = reader.ReadTag();
            if (field >= 1 && field <= names.Length && wireType == 2)
            {
                value[names[field - 1]] = reader.ReadString();
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return value;
    }
}
