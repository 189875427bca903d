using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Api;

namespace FutReindexOperator.Testing.KubeApiServer.Serialization;

/// <summary>
/// Decodes the Kubernetes protobuf envelope (<c>k8s\0</c> + runtime.Unknown) for the kinds typed kubectl
/// commands create (<c>kubectl create namespace|configmap|secret</c>): Namespace, ConfigMap and Secret, with
/// the ObjectMeta fields a client sets on create. Other kinds must be sent as JSON.
/// </summary>
public static class ProtobufBodies
{
    public const string ContentType = "application/vnd.kubernetes.protobuf";

    private static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    public static JsonObject Decode(ReadOnlySpan<byte> body)
    {
        if (!body.StartsWith(Magic))
        {
            throw StatusObjects.BadRequest("a protobuf body must start with the k8s\\0 envelope");
        }

        var reader = new ProtobufReader(body[Magic.Length..]);
        string? apiVersion = null;
        string? kind = null;
        ReadOnlySpan<byte> raw = default;
        while (!reader.End)
        {
            var (field, wireType) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    var typeMeta = new ProtobufReader(reader.ReadBytes());
                    while (!typeMeta.End)
                    {
                        var (typeField, typeWire) = typeMeta.ReadTag();
                        if (typeField == 1)
                        {
                            apiVersion = typeMeta.ReadString();
                        }
                        else if (typeField == 2)
                        {
                            kind = typeMeta.ReadString();
                        }
                        else
                        {
                            typeMeta.Skip(typeWire);
                        }
                    }

                    break;
                case 2:
                    raw = reader.ReadBytes();
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        var value = kind switch
        {
            "Namespace" => Namespace(raw),
            "ConfigMap" => DataObject(raw, binaryDataField: 3, stringDataField: null, typeField: null, immutableField: 4, dataIsBytes: false),
            "Secret" => DataObject(raw, binaryDataField: null, stringDataField: 4, typeField: 3, immutableField: 5, dataIsBytes: true),
            "SelfSubjectAccessReview" or "SelfSubjectRulesReview" or "SelfSubjectReview" => Authorization.ReviewProtobuf.Decode(kind, raw),
            _ => throw StatusObjects.UnsupportedMediaType($"{ContentType} (for {kind}; this server decodes protobuf only for Namespace, ConfigMap, Secret and the self-subject reviews: send JSON)"),
        };
        var result = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        foreach (var (name, node) in value.ToList())
        {
            value.Remove(name);
            result[name] = node;
        }

        return result;
    }

    private static JsonObject Namespace(ReadOnlySpan<byte> raw)
    {
        var value = new JsonObject();
        var reader = new ProtobufReader(raw);
        while (!reader.End)
        {
            var (field, wireType) = reader.ReadTag();
            if (field == 1)
            {
                value["metadata"] = ObjectMeta(reader.ReadBytes());
            }
            else if (field == 2)
            {
                var finalizers = new JsonArray();
                var spec = new ProtobufReader(reader.ReadBytes());
                while (!spec.End)
                {
                    var (specField, specWire) = spec.ReadTag();
                    if (specField == 1)
                    {
                        finalizers.Add(spec.ReadString());
                    }
                    else
                    {
                        spec.Skip(specWire);
                    }
                }

                value["spec"] = finalizers.Count > 0 ? new JsonObject { ["finalizers"] = finalizers } : new JsonObject();
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return value;
    }

    private static JsonObject DataObject(ReadOnlySpan<byte> raw, int? binaryDataField, int? stringDataField, int? typeField, int immutableField, bool dataIsBytes)
    {
        var value = new JsonObject();
        var reader = new ProtobufReader(raw);
        while (!reader.End)
        {
            var (field, wireType) = reader.ReadTag();
            if (field == 1)
            {
                value["metadata"] = ObjectMeta(reader.ReadBytes());
            }
            else if (field == 2)
            {
                AddEntry(value, "data", reader.ReadBytes(), dataIsBytes);
            }
            else if (field == binaryDataField)
            {
                AddEntry(value, "binaryData", reader.ReadBytes(), valueIsBytes: true);
            }
            else if (field == stringDataField)
            {
                AddEntry(value, "stringData", reader.ReadBytes(), valueIsBytes: false);
            }
            else if (field == typeField)
            {
                value["type"] = reader.ReadString();
            }
            else if (field == immutableField)
            {
                value["immutable"] = reader.ReadVarint() != 0;
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return value;
    }

    private static JsonObject ObjectMeta(ReadOnlySpan<byte> raw)
    {
        var metadata = new JsonObject();
        var reader = new ProtobufReader(raw);
        while (!reader.End)
        {
            var (field, wireType) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    metadata["name"] = reader.ReadString();
                    break;
                case 2:
                    metadata["generateName"] = reader.ReadString();
                    break;
                case 3:
                    metadata["namespace"] = reader.ReadString();
                    break;
                case 6:
                    metadata["resourceVersion"] = reader.ReadString();
                    break;
                case 11:
                    AddEntry(metadata, "labels", reader.ReadBytes(), valueIsBytes: false);
                    break;
                case 12:
                    AddEntry(metadata, "annotations", reader.ReadBytes(), valueIsBytes: false);
                    break;
                case 14:
                    if (metadata["finalizers"] is not JsonArray finalizers)
                    {
                        finalizers = [];
                        metadata["finalizers"] = finalizers;
                    }

                    finalizers.Add(reader.ReadString());
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return metadata;
    }

    /// <summary>Adds one map entry (a message with key 1 and value 2); bytes values become base64 as in JSON.</summary>
    private static void AddEntry(JsonObject target, string mapName, ReadOnlySpan<byte> entry, bool valueIsBytes)
    {
        var reader = new ProtobufReader(entry);
        var key = "";
        JsonNode? value = valueIsBytes ? "" : JsonValue.Create("");
        while (!reader.End)
        {
            var (field, wireType) = reader.ReadTag();
            if (field == 1)
            {
                key = reader.ReadString();
            }
            else if (field == 2)
            {
                value = valueIsBytes ? Convert.ToBase64String(reader.ReadBytes()) : reader.ReadString();
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        if (target[mapName] is not JsonObject map)
        {
            map = [];
            target[mapName] = map;
        }

        map[key] = value;
    }
}
