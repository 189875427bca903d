using System.Security.Cryptography;
using System.Text;

namespace FutReindexOperator.Plans;

/// <summary>
/// The name of a plan's child for one target: <c>{plan}-{service}</c> when that fits in <see cref="MaxLength"/>
/// characters, else its head and an 8-hex-digit hash of plan and service. A pure function of the two names, so a
/// restarted operator, a rerun and another replica all name the child alike; two plans whose names collide are caught
/// when the child turns out to be another's (<see cref="Model.PlanChildPhase.NameTaken"/>).
/// </summary>
public static class ChildNames
{
    /// <summary>A DNS label's length, so the name also fits labels and Service-like names.</summary>
    public const int MaxLength = 63;

    private const int HashLength = 8;

    public static string For(string plan, string service)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(service);
        var plain = $"{plan}-{service}";
        if (plain.Length <= MaxLength)
        {
            return plain;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{plan}/{service}")))[..HashLength];
        var head = plain[..(MaxLength - HashLength - 1)].TrimEnd('-', '.');
        return $"{head}-{hash}";
    }
}
