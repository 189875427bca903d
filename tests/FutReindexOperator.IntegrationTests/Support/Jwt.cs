using FutReindexOperator.Testing.HapiSimulator.Auth;

namespace FutReindexOperator.IntegrationTests.Support;

/// <summary>Unsigned (<c>alg: none</c>) JWTs as FUT's examples use them; the simulator accepts them.</summary>
public static class Jwt
{
    public static string WithoutSignature(DateTimeOffset expiresAt, string userType, string role = "$reindex")
        => UnsignedToken.Create(expiresAt, userType, role);
}
