using System.Globalization;
using System.Text.RegularExpressions;
using FutReindexOperator.Model;

namespace FutReindexOperator.Validation;

/// <summary>
/// Validates a spec the way the CRD schema and HAPI would, so that a bad spec is refused with a clear message before
/// anything is sent (and even where the API server does not enforce the schema).
/// </summary>
public static partial class ReindexJobSpecValidator
{
    /// <summary>Every problem of <paramref name="spec"/>, in field order; empty when it is valid.</summary>
    public static IReadOnlyList<SpecError> Validate(ReindexJobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new List<SpecError>();
        ValidateTarget(spec.Target, errors);
        ValidateUrls(spec.Urls, errors);
        ValidateHapiParameters(spec, errors);
        ValidateAuth(spec.Auth, errors);
        ValidatePolling(spec.Polling, errors);
        return errors;
    }

    private static void ValidateTarget(TargetSpec? target, List<SpecError> errors)
    {
        if (target is null)
        {
            errors.Add(new SpecError("spec.target", "required: the FHIR server's Service"));
            return;
        }

        Matches(target.Service, "spec.target.service", TargetSpec.ServiceNamePattern, 63, "the name of a Service (lower-case letters, digits and '-', starting with a letter, at most 63 characters)", errors, required: true);
        Matches(target.Namespace, "spec.target.namespace", TargetSpec.NamespacePattern, 63, "a namespace name (lower-case letters, digits and '-', at most 63 characters)", errors, required: false);
        if (target.Port is < 1 or > 65535)
        {
            errors.Add(new SpecError("spec.target.port", $"a port from 1 to 65535, not {target.Port}"));
        }

        if (!Enum.IsDefined(target.Scheme))
        {
            errors.Add(new SpecError("spec.target.scheme", "http or https"));
        }

        Matches(target.BasePath, "spec.target.basePath", TargetSpec.BasePathPattern, 256, "an absolute URL path such as /fhir", errors, required: true);
    }

    private static void ValidateUrls(IList<string>? urls, List<SpecError> errors)
    {
        if (urls is null)
        {
            return;
        }

        if (urls.Count > ReindexJobSpec.MaxUrls)
        {
            errors.Add(new SpecError("spec.urls", $"at most {ReindexJobSpec.MaxUrls} URLs, not {urls.Count}"));
        }

        for (var index = 0; index < urls.Count; index++)
        {
            var field = $"spec.urls[{index}]";
            var url = urls[index] ?? "";
            if (url.Length > ReindexJobSpec.MaxUrlLength)
            {
                errors.Add(new SpecError(field, $"at most {ReindexJobSpec.MaxUrlLength} characters"));
            }
            else if (url.Any(char.IsWhiteSpace))
            {
                errors.Add(new SpecError(field, $"a URL without whitespace, not '{url}'"));
            }
            else if (HapiUrl().Match(url) is not { Success: true } match)
            {
                errors.Add(new SpecError(field, $"ResourceType?[query], for example 'Organization?' or 'Patient?active=true', not '{url}'"));
            }
            else if (!FhirResourceTypes.IsKnown(match.Groups[1].Value))
            {
                errors.Add(new SpecError(field, $"a FHIR R4 resource type; '{match.Groups[1].Value}' is not one"));
            }
        }
    }

    private static void ValidateHapiParameters(ReindexJobSpec spec, List<SpecError> errors)
    {
        if (spec.BatchSize is < 1 or > 500)
        {
            errors.Add(new SpecError("spec.batchSize", $"from 1 to 500, not {spec.BatchSize}"));
        }

        if (spec.ReindexSearchParameters is { } reindexSearchParameters && !Enum.IsDefined(reindexSearchParameters))
        {
            errors.Add(new SpecError("spec.reindexSearchParameters", "All or None"));
        }

        if (spec.OptimizeStorage is { } optimizeStorage && !Enum.IsDefined(optimizeStorage))
        {
            errors.Add(new SpecError("spec.optimizeStorage", "None, CurrentVersion or AllVersions"));
        }

        if (spec.CorrectCurrentVersion is { } correctCurrentVersion && !Enum.IsDefined(correctCurrentVersion))
        {
            errors.Add(new SpecError("spec.correctCurrentVersion", "None or All"));
        }

        if (spec.CorrectCurrentVersion == CorrectCurrentVersionMode.All && spec.OptimisticLock == true)
        {
            errors.Add(new SpecError("spec.optimisticLock", "false or absent when correctCurrentVersion is All (HAPI refuses optimistic locking while correcting current versions)"));
        }

        var partitionIds = spec.PartitionIds ?? [];
        if (partitionIds.Count > ReindexJobSpec.MaxPartitionIds)
        {
            errors.Add(new SpecError("spec.partitionIds", $"at most {ReindexJobSpec.MaxPartitionIds} partition ids"));
        }

        for (var index = 0; index < partitionIds.Count; index++)
        {
            var partitionId = partitionIds[index];
            if (partitionId != "_ALL" && !int.TryParse(partitionId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                errors.Add(new SpecError($"spec.partitionIds[{index}]", $"an integer partition id or _ALL, not '{partitionId}'"));
            }
        }
    }

    private static void ValidateAuth(AuthSpec? auth, List<SpecError> errors)
    {
        var modes = auth is null ? 0 : (auth.BearerToken is null ? 0 : 1) + (auth.OAuth2 is null ? 0 : 1) + (auth.None is null ? 0 : 1);
        if (auth is null || modes != 1)
        {
            errors.Add(new SpecError("spec.auth", $"exactly one of bearerToken, oauth2 or none (for no credentials write none: {{}}), not {modes}"));
            return;
        }

        if (auth.BearerToken is { } bearer)
        {
            if (bearer.SecretRef is null)
            {
                errors.Add(new SpecError("spec.auth.bearerToken.secretRef", "required: the Secret name and key holding the token"));
            }
            else
            {
                Matches(bearer.SecretRef.Name, "spec.auth.bearerToken.secretRef.name", SecretKeyRef.SecretNamePattern, 253, "the name of a Secret in the job's namespace", errors, required: true);
                Matches(bearer.SecretRef.Key, "spec.auth.bearerToken.secretRef.key", SecretKeyRef.KeyPattern, 253, "a key of that Secret", errors, required: true);
            }
        }

        if (auth.OAuth2 is { } oauth2)
        {
            if (!Uri.TryCreate(oauth2.TokenUrl, UriKind.Absolute, out var tokenUrl) || (tokenUrl.Scheme != Uri.UriSchemeHttps && tokenUrl.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(tokenUrl.UserInfo))
            {
                errors.Add(new SpecError("spec.auth.oauth2.tokenUrl", $"an absolute http or https URL of the token endpoint, not '{oauth2.TokenUrl}'"));
            }

            if (!Enum.IsDefined(oauth2.Grant))
            {
                errors.Add(new SpecError("spec.auth.oauth2.grant", "password or client_credentials"));
            }

            Matches(oauth2.SecretName, "spec.auth.oauth2.secretName", SecretKeyRef.SecretNamePattern, 253, "the name of a Secret in the job's namespace", errors, required: true);
            Matches(oauth2.ClientIdKey, "spec.auth.oauth2.clientIdKey", SecretKeyRef.KeyPattern, 253, "a key of that Secret", errors, required: true);
            Matches(oauth2.ClientSecretKey, "spec.auth.oauth2.clientSecretKey", SecretKeyRef.KeyPattern, 253, "a key of that Secret", errors, required: true);
            if (oauth2.Grant == OAuth2Grant.Password)
            {
                Matches(oauth2.UsernameKey, "spec.auth.oauth2.usernameKey", SecretKeyRef.KeyPattern, 253, "a key of that Secret", errors, required: true);
                Matches(oauth2.PasswordKey, "spec.auth.oauth2.passwordKey", SecretKeyRef.KeyPattern, 253, "a key of that Secret", errors, required: true);
            }
        }
    }

    private static void ValidatePolling(PollingSpec? polling, List<SpecError> errors)
    {
        if (polling is null)
        {
            return;
        }

        Positive(polling.FirstInterval, "spec.polling.firstInterval", PollingSpec.LongestInterval, errors);
        Positive(polling.MaxInterval, "spec.polling.maxInterval", PollingSpec.LongestInterval, errors);
        Positive(polling.Deadline, "spec.polling.deadline", PollingSpec.LongestDeadline, errors);
        Positive(polling.StallTimeout, "spec.polling.stallTimeout", PollingSpec.LongestDeadline, errors);
        // Only when both are set: against the operator's default, a larger firstInterval is capped at maxInterval.
        if (polling is { MaxInterval: { } max, FirstInterval: { } first } && max < first)
        {
            errors.Add(new SpecError("spec.polling.maxInterval", $"at least firstInterval ({GoDuration.Format(first)}), not {GoDuration.Format(max)}"));
        }

        if (polling.ErrorGracePeriod < TimeSpan.Zero)
        {
            errors.Add(new SpecError("spec.polling.errorGracePeriod", "a duration of zero or more"));
        }
        else
        {
            AtMost(polling.ErrorGracePeriod, "spec.polling.errorGracePeriod", PollingSpec.LongestInterval, errors);
        }

        if (polling.JitterPercent is < 0 or > 100)
        {
            errors.Add(new SpecError("spec.polling.jitterPercent", $"from 0 to 100, not {polling.JitterPercent}"));
        }
    }

    private static void Positive(TimeSpan? value, string field, TimeSpan longest, List<SpecError> errors)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add(new SpecError(field, "a duration greater than zero, for example 30s or 5m"));
        }
        else
        {
            AtMost(value, field, longest, errors);
        }
    }

    private static void AtMost(TimeSpan? value, string field, TimeSpan longest, List<SpecError> errors)
    {
        if (value > longest)
        {
            // A value beyond TimeSpan.MaxValue was read as TimeSpan.MaxValue: there is no exact length to repeat.
            var given = value == TimeSpan.MaxValue ? "" : $", not {GoDuration.Format(value.Value)}";
            errors.Add(new SpecError(field, $"at most {GoDuration.Format(longest)}{given}"));
        }
    }

    private static void Matches(string? value, string field, string pattern, int maxLength, string expected, List<SpecError> errors, bool required)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                errors.Add(new SpecError(field, $"required: {expected}"));
            }

            return;
        }

        if (value.Length > maxLength || !Regex.IsMatch(value, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            errors.Add(new SpecError(field, $"{expected}, not '{Shorten(value)}'"));
        }
    }

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "…";

    [GeneratedRegex("^([A-Z][a-zA-Z0-9]+)\\?.*$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex HapiUrl();
}
