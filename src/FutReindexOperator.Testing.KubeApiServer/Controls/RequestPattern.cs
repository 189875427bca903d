using System.Text.RegularExpressions;

namespace FutReindexOperator.Testing.KubeApiServer.Controls;

/// <summary>
/// Matches requests by verb and path. The verb is a Kubernetes verb (<c>get</c>, <c>list</c>, <c>watch</c>,
/// <c>create</c>, <c>update</c>, <c>patch</c>, <c>delete</c>), an HTTP method, or <c>*</c>; the path is a
/// glob in which <c>*</c> matches any characters, including <c>/</c>.
/// </summary>
public sealed class RequestPattern
{
    private readonly Regex _path;

    public RequestPattern(string verb, string pathGlob)
    {
        Verb = verb;
        PathGlob = pathGlob;
        _path = new Regex("^" + Regex.Escape(pathGlob).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public string Verb { get; }

    public string PathGlob { get; }

    public bool Matches(string kubernetesVerb, string httpMethod, string path) =>
        (Verb == "*" || string.Equals(Verb, kubernetesVerb, StringComparison.OrdinalIgnoreCase) || string.Equals(Verb, httpMethod, StringComparison.OrdinalIgnoreCase)) &&
        _path.IsMatch(path);
}
