namespace FutReindexOperator.Testing.KubeApiServer.Auth;

/// <summary>
/// Who makes a request, as kube-apiserver's authenticators describe it: a user name and the groups it belongs to.
/// ServiceAccounts are users named <c>system:serviceaccount:NAMESPACE:NAME</c>.
/// </summary>
/// <param name="Name">For example <c>alice</c>, <c>system:serviceaccount:fut:operator</c> or <c>system:anonymous</c>.</param>
/// <param name="Groups">Every group, <c>system:authenticated</c> included for authenticated users.</param>
public sealed record UserInfo(string Name, IReadOnlyList<string> Groups)
{
    public const string Masters = "system:masters";
    public const string Authenticated = "system:authenticated";
    public const string Unauthenticated = "system:unauthenticated";
    public const string AllServiceAccounts = "system:serviceaccounts";
    public const string AnonymousName = "system:anonymous";
    private const string ServiceAccountPrefix = "system:serviceaccount:";

    /// <summary>The built-in administrator: member of <c>system:masters</c>, allowed everything (as kube-apiserver's admin client certificate).</summary>
    public static UserInfo Admin { get; } = new("kube-api-test-server:admin", [Masters, Authenticated]);

    /// <summary>A request without credentials.</summary>
    public static UserInfo Anonymous { get; } = new(AnonymousName, [Unauthenticated]);

    /// <summary>An authenticated user with the given groups; <c>system:authenticated</c> is added as kube-apiserver adds it.</summary>
    public static UserInfo User(string name, params IEnumerable<string> groups)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new UserInfo(name, WithAuthenticated(groups));
    }

    /// <summary>A ServiceAccount's identity with the groups its token carries.</summary>
    public static UserInfo ServiceAccount(string ns, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(ns);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new UserInfo(ServiceAccountUserName(ns, name), [.. ServiceAccountGroups(ns), Authenticated]);
    }

    public static string ServiceAccountUserName(string ns, string name) => ServiceAccountPrefix + ns + ":" + name;

    /// <summary><c>system:serviceaccounts</c> and <c>system:serviceaccounts:NAMESPACE</c>.</summary>
    public static IReadOnlyList<string> ServiceAccountGroups(string ns) => [AllServiceAccounts, AllServiceAccounts + ":" + ns];

    /// <summary>Splits <c>system:serviceaccount:NS:NAME</c>; false for any other user name.</summary>
    public static bool TryParseServiceAccount(string userName, out string ns, out string name)
    {
        ns = name = "";
        if (!userName.StartsWith(ServiceAccountPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = userName[ServiceAccountPrefix.Length..].Split(':');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            return false;
        }

        (ns, name) = (parts[0], parts[1]);
        return true;
    }

    public bool IsServiceAccount => TryParseServiceAccount(Name, out _, out _);

    public bool IsInGroup(string group) => Groups.Contains(group, StringComparer.Ordinal);

    internal static IReadOnlyList<string> WithAuthenticated(IEnumerable<string> groups)
    {
        var all = groups.Distinct(StringComparer.Ordinal).ToList();
        if (!all.Contains(Authenticated, StringComparer.Ordinal))
        {
            all.Add(Authenticated);
        }

        return all;
    }

    public bool Equals(UserInfo? other) => other is not null && Name == other.Name && Groups.SequenceEqual(other.Groups, StringComparer.Ordinal);

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => $"{Name} (groups {string.Join(", ", Groups)})";
}
