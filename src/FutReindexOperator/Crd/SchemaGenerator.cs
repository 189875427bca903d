using System.Collections;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Serialization;
using FutReindexOperator.Model;
using k8s.Models;

namespace FutReindexOperator.Crd;

/// <summary>
/// Builds a structural OpenAPI v3 schema from C# types: JSON names from <see cref="JsonPropertyNameAttribute"/>,
/// descriptions from <see cref="DescriptionAttribute"/> (on the property, else on its type), bounds and patterns from
/// data annotations, enums from the enum members, and defaults from the property initialisers of spec types.
/// </summary>
public static class SchemaGenerator
{
    /// <summary>Builds the schema of <paramref name="type"/>; <paramref name="withDefaults"/> emits initialiser values as defaults.</summary>
    /// <exception cref="InvalidOperationException">A property has no description or a type cannot be mapped.</exception>
    public static V1JSONSchemaProps ForObject(Type type, bool withDefaults)
    {
        var schema = new V1JSONSchemaProps
        {
            Type = "object",
            Description = type.GetCustomAttribute<DescriptionAttribute>()?.Description,
            Properties = new Dictionary<string, V1JSONSchemaProps>(),
        };

        var instance = withDefaults ? Activator.CreateInstance(type) : null;
        var required = new List<string>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var jsonName = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
            if (jsonName is null || property.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Always })
            {
                continue;
            }

            var isRequired = property.GetCustomAttribute<RequiredAttribute>() is not null;
            if (isRequired)
            {
                required.Add(jsonName);
            }

            var propertySchema = ForProperty(property, withDefaults);
            if (instance is not null && !isRequired)
            {
                propertySchema.DefaultProperty = DefaultOf(property, property.GetValue(instance));
            }

            schema.Properties[jsonName] = propertySchema;
        }

        schema.Required = required.Count > 0 ? required : null;
        if (type.GetCustomAttribute<ExactlyOneOfAttribute>() is { } exactlyOne)
        {
            schema.OneOf = [.. exactlyOne.JsonNames.Select(name => new V1JSONSchemaProps { Required = [name] })];
        }

        schema.XKubernetesValidations = RulesOf(type);
        return schema;
    }

    /// <summary>The CEL rules <paramref name="type"/> carries (<see cref="CelRuleAttribute"/>), in declaration order, or null when none.</summary>
    public static List<V1ValidationRule>? RulesOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Rules(type.GetCustomAttributes<CelRuleAttribute>());
    }

    private static V1JSONSchemaProps ForProperty(PropertyInfo property, bool withDefaults)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        V1JSONSchemaProps schema;
        if (type == typeof(TimeSpan))
        {
            schema = new V1JSONSchemaProps { Type = "string", Pattern = GoDuration.Pattern, MaxLength = GoDuration.MaxLength };
        }
        else if (type == typeof(V1Condition) || ElementType(type) == typeof(V1Condition))
        {
            schema = ConditionListSchema();
        }
        else
        {
            schema = ForType(type, withDefaults, property);
        }

        var description = property.GetCustomAttribute<DescriptionAttribute>()?.Description
            ?? type.GetCustomAttribute<DescriptionAttribute>()?.Description
            ?? schema.Description;
        schema.Description = description
            ?? throw new InvalidOperationException($"{property.DeclaringType!.Name}.{property.Name} has no [Description]; every CRD field needs one.");

        ApplyAnnotations(schema, property);

        // Properties written as explicit nulls (so a merge patch clears them) may also be stored as null by a replace.
        if (property.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Never })
        {
            schema.Nullable = true;
        }

        var rules = Rules(property.GetCustomAttributes<CelRuleAttribute>());
        if (rules is not null)
        {
            schema.XKubernetesValidations = [.. schema.XKubernetesValidations ?? [], .. rules];
        }

        return schema;
    }

    private static V1JSONSchemaProps ForType(Type type, bool withDefaults, PropertyInfo property)
    {
        if (type == typeof(string))
        {
            return new V1JSONSchemaProps { Type = "string" };
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return new V1JSONSchemaProps { Type = "integer", Format = type == typeof(int) ? "int32" : "int64" };
        }

        if (type == typeof(bool))
        {
            return new V1JSONSchemaProps { Type = "boolean" };
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return new V1JSONSchemaProps { Type = "string", Format = "date-time" };
        }

        if (type.IsEnum)
        {
            return new V1JSONSchemaProps { Type = "string", EnumProperty = [.. EnumNames(type)] };
        }

        if (type == typeof(IDictionary<string, string>))
        {
            return new V1JSONSchemaProps { Type = "object", AdditionalProperties = new V1JSONSchemaProps { Type = "string" } };
        }

        if (ElementType(type) is { } element)
        {
            var items = ForType(element, withDefaults, property);
            if (property.GetCustomAttribute<ItemsAttribute>() is { } itemRules)
            {
                items.Pattern = itemRules.Pattern;
                items.MaxLength = itemRules.MaxLength > 0 ? itemRules.MaxLength : null;
            }

            return new V1JSONSchemaProps { Type = "array", Items = items };
        }

        if (type.IsClass)
        {
            return ForObject(type, withDefaults);
        }

        throw new InvalidOperationException($"{property.DeclaringType!.Name}.{property.Name}: no schema mapping for {type.Name}.");
    }

    private static void ApplyAnnotations(V1JSONSchemaProps schema, PropertyInfo property)
    {
        if (property.GetCustomAttribute<RegularExpressionAttribute>() is { } pattern)
        {
            schema.Pattern = pattern.Pattern;
        }

        if (property.GetCustomAttribute<RangeAttribute>() is { } range)
        {
            schema.Minimum = Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture);
            var maximum = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);

            // Range(0, int.MaxValue) only states a lower bound; the upper one would be noise in the schema.
            schema.Maximum = maximum >= int.MaxValue ? null : maximum;
        }

        if (property.GetCustomAttribute<MaxLengthAttribute>() is { } maxLength)
        {
            if (schema.Type == "array")
            {
                schema.MaxItems = maxLength.Length;
            }
            else
            {
                schema.MaxLength = maxLength.Length;
            }
        }
    }

    private static object? DefaultOf(PropertyInfo property, object? value)
    {
        return value switch
        {
            null => null,
            string text => text,
            bool flag => flag,
            int number => (long)number,
            long number => number,
            TimeSpan duration => GoDuration.Format(duration),
            Enum member => EnumName(member.GetType(), member),
            IEnumerable => null,
            _ when property.PropertyType.IsClass => new Dictionary<string, object>(),
            _ => throw new InvalidOperationException($"{property.DeclaringType!.Name}.{property.Name}: no default mapping for {value.GetType().Name}."),
        };
    }

    private static List<V1ValidationRule>? Rules(IEnumerable<CelRuleAttribute> attributes)
    {
        var rules = attributes.Select(rule => new V1ValidationRule { Rule = rule.Rule, Message = rule.Message }).ToList();
        return rules.Count > 0 ? rules : null;
    }

    private static Type? ElementType(Type type)
    {
        if (type == typeof(string) || !type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(IList<>) || definition == typeof(List<>) || definition == typeof(IReadOnlyList<>)
            ? type.GetGenericArguments()[0]
            : null;
    }

    private static IEnumerable<string> EnumNames(Type type)
        => Enum.GetValues(type).Cast<Enum>().Select(member => EnumName(type, member));

    private static string EnumName(Type type, Enum member)
    {
        var name = member.ToString();
        return type.GetField(name)?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? name;
    }

    /// <summary>The schema of <c>metav1.Condition</c>, with its upstream validation, as a list keyed by type.</summary>
    private static V1JSONSchemaProps ConditionListSchema()
    {
        var condition = new V1JSONSchemaProps
        {
            Type = "object",
            Description = "A metav1.Condition: one aspect of the job's state.",
            Required = ["type", "status", "lastTransitionTime", "reason", "message"],
            Properties = new Dictionary<string, V1JSONSchemaProps>
            {
                ["type"] = new()
                {
                    Type = "string",
                    MaxLength = 316,
                    Pattern = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$",
                    Description = "The condition type: Ready, Reconciling, Stalled, Complete or Failed.",
                },
                ["status"] = new() { Type = "string", EnumProperty = ["True", "False", "Unknown"], Description = "True, False or Unknown." },
                ["observedGeneration"] = new() { Type = "integer", Format = "int64", Minimum = 0, Description = "The metadata.generation the condition was set for." },
                ["lastTransitionTime"] = new() { Type = "string", Format = "date-time", Description = "When the status last changed." },
                ["reason"] = new()
                {
                    Type = "string",
                    MinLength = 1,
                    MaxLength = 1024,
                    Pattern = "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$",
                    Description = "A CamelCase word for why the condition has its status.",
                },
                ["message"] = new() { Type = "string", MaxLength = 32768, Description = "A human-readable explanation." },
            },
        };
        return new V1JSONSchemaProps
        {
            Type = "array",
            Items = condition,
            XKubernetesListType = "map",
            XKubernetesListMapKeys = ["type"],
        };
    }
}
