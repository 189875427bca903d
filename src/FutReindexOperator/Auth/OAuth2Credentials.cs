using System.Security.Cryptography;
using System.Text;
using FutReindexOperator.Model;
using k8s.Models;

namespace FutReindexOperator.Auth;

/// <summary>The values an OAuth2 grant sends, read from the job's Secret. <see cref="ToString"/> shows only the client id.</summary>
public sealed class OAuth2Credentials
{
    private OAuth2Credentials(string clientId, string? clientSecret, string? username, string? password)
    {
        ClientId = clientId;
        ClientSecret = clientSecret;
        Username = username;
        Password = password;
    }

    public string ClientId { get; }

    public string? ClientSecret { get; }

    public string? Username { get; }

    public string? Password { get; }

    /// <summary>A one-way fingerprint of all values: a rotated Secret gives a new one, so its cached token is not reused.</summary>
    public string Fingerprint
    {
        get
        {
            var material = string.Join('\n', ClientId, ClientSecret ?? "", Username ?? "", Password ?? "");
            return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(material)));
        }
    }

    /// <summary>Reads the keys the grant needs; a missing Secret or key is a failure that names it, never a value.</summary>
    public static (OAuth2Credentials? Credentials, CredentialFailure? Failure) FromSecret(V1Secret? secret, OAuth2Auth spec, string namespaceName)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var name = $"{namespaceName}/{spec.SecretName}";
        if (secret is null)
        {
            return (null, new CredentialFailure(CredentialProblem.SecretMissing, $"Secret {name} not found"));
        }

        var missing = new List<string>();
        var clientId = Required(spec.ClientIdKey);
        string? username = null;
        string? password = null;
        if (spec.Grant == OAuth2Grant.Password)
        {
            username = Required(spec.UsernameKey);
            password = Required(spec.PasswordKey);
        }

        if (missing.Count > 0)
        {
            return (null, new CredentialFailure(CredentialProblem.SecretIncomplete, $"Secret {name} has no value for key(s) {string.Join(", ", missing.Select(key => $"'{key}'"))}"));
        }

        return (new OAuth2Credentials(clientId!, SecretValues.Get(secret, spec.ClientSecretKey), username, password), null);

        string? Required(string key)
        {
            var value = SecretValues.Get(secret, key);
            if (value is null)
            {
                missing.Add(key);
            }

            return value;
        }
    }

    public override string ToString() => $"OAuth2Credentials {{ ClientId = {ClientId} }}";
}
