using System.Globalization;
using System.Text;
using CsCheck;

namespace FutReindexOperator.Testing.Generators.Schema;

/// <summary>
/// Turns the regular expressions of a CRD's <c>pattern</c> fields into generators of matching strings. It reads the
/// forms OpenAPI patterns of Kubernetes CRDs use: anchors, literals, escapes (<c>\.</c>, <c>\?</c>, <c>\s</c>,
/// <c>\S</c>, <c>\d</c>), character classes with ranges and negation, groups with alternation, and the quantifiers
/// <c>?</c>, <c>*</c>, <c>+</c>, <c>{n}</c>, <c>{n,m}</c>. Anything else is refused with the pattern named, so that a new
/// field's pattern fails loudly instead of being generated wrongly.
/// </summary>
/// <remarks>
/// Unbounded repetitions are drawn up to <c>repeatCap</c>; callers bias towards extremes by also asking for a large
/// cap (the field's maxLength). Classes that admit both '/' and '.' also draw the path steps "/.", "/.." and "//", so
/// that base paths like <c>/fhir/.</c> and <c>/x/../fhir</c> come up often. The caller must still filter the result
/// against the pattern and the length bounds (a cap bounds each repetition, not the whole string).
/// </remarks>
public static class PatternGen
{
    /// <summary>Characters a negated class draws from (before removing the excluded ones): ASCII, whitespace, some non-ASCII.</summary>
    private const string Universe = "abcxyzABCXYZ0189-._~/?#%&=+:;@!$'()*, \t\n\"\\éßøÆ中文ЖΩ\u00a0\u200b";

    public static Gen<string> For(string pattern, int repeatCap)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var parser = new Parser(pattern);
        var node = parser.ParseAlternation();
        if (!parser.AtEnd)
        {
            throw parser.Unsupported();
        }

        return Build(node, Math.Max(1, repeatCap));
    }

    private static Gen<string> Build(Node node, int cap) => node switch
    {
        Node.Literal literal => Gen.Const(literal.Text),
        Node.Class @class => ClassGen(@class.Chars),
        Node.Sequence sequence => sequence.Parts.Count == 0
            ? Gen.Const("")
            : sequence.Parts.Select(part => Build(part, cap)).Aggregate((left, right) => Gen.Select(left, right, (a, b) => a + b)),
        Node.Alternation alternation => Gen.OneOf<string>([.. alternation.Options.Select(option => (IGen<string>)Build(option, cap))]),
        Node.Repeat repeat => RepeatGen(Build(repeat.Inner, cap), repeat.Min, repeat.Max ?? Math.Max(repeat.Min, cap)),
        _ => throw new InvalidOperationException($"Unknown pattern node {node}."),
    };

    private static Gen<string> RepeatGen(Gen<string> inner, int min, int max)
    {
        var count = max <= min
            ? Gen.Const(min)
            : Gen.Frequency<int>((3, Gen.Int[min, Math.Min(max, min + 3)]), (1, Gen.Int[min, max]), (1, Gen.Const(max)));
        return count.SelectMany(n => inner.Array[n]).Select(parts => string.Concat(parts));
    }

    private static Gen<string> ClassGen(IReadOnlyList<char> chars)
    {
        var single = Gen.OneOf<char>([.. chars]).Select(c => c.ToString());
        return chars.Contains('/') && chars.Contains('.')
            ? Gen.Frequency<string>((6, single), (1, Gen.OneOf<string>("/.", "/..", "//", "/./")))
            : single;
    }

    private abstract record Node
    {
        public sealed record Literal(string Text) : Node;

        public sealed record Class(IReadOnlyList<char> Chars) : Node;

        public sealed record Sequence(IReadOnlyList<Node> Parts) : Node;

        public sealed record Alternation(IReadOnlyList<Node> Options) : Node;

        public sealed record Repeat(Node Inner, int Min, int? Max) : Node;
    }

    private sealed class Parser(string pattern)
    {
        private int _position;

        public bool AtEnd => _position >= pattern.Length;

        public NotSupportedException Unsupported()
            => new($"The pattern '{pattern}' uses a form the generator does not read, at position {_position}.");

        public Node ParseAlternation()
        {
            var options = new List<Node> { ParseSequence() };
            while (Peek('|'))
            {
                _position++;
                options.Add(ParseSequence());
            }

            return options.Count == 1 ? options[0] : new Node.Alternation(options);
        }

        private Node ParseSequence()
        {
            var parts = new List<Node>();
            while (!AtEnd && pattern[_position] is not ('|' or ')'))
            {
                var c = pattern[_position];
                if (c is '^' or '$')
                {
                    _position++;
                    continue;
                }

                var atom = ParseAtom();
                parts.Add(ParseQuantifier(atom));
            }

            return parts.Count == 1 ? parts[0] : new Node.Sequence(parts);
        }

        private Node ParseAtom()
        {
            var c = pattern[_position++];
            switch (c)
            {
                case '(':
                    if (Peek('?'))
                    {
                        throw Unsupported();
                    }

                    var inner = ParseAlternation();
                    Expect(')');
                    return inner;
                case '[':
                    return ParseClass();
                case '\\':
                    return Escape(pattern[_position++], inClass: false);
                case '.':
                    return new Node.Class([.. Universe.Where(u => u != '\n')]);
                case '*' or '+' or '?' or '{':
                    throw Unsupported();
                default:
                    return new Node.Literal(c.ToString());
            }
        }

        private Node ParseQuantifier(Node atom)
        {
            if (AtEnd)
            {
                return atom;
            }

            switch (pattern[_position])
            {
                case '*':
                    _position++;
                    return new Node.Repeat(atom, 0, null);
                case '+':
                    _position++;
                    return new Node.Repeat(atom, 1, null);
                case '?':
                    _position++;
                    return new Node.Repeat(atom, 0, 1);
                case '{':
                    _position++;
                    var close = pattern.IndexOf('}', _position);
                    if (close < 0)
                    {
                        throw Unsupported();
                    }

                    var bounds = pattern[_position..close].Split(',');
                    _position = close + 1;
                    var min = int.Parse(bounds[0], CultureInfo.InvariantCulture);
                    int? max = bounds.Length == 1 ? min : bounds[1].Length == 0 ? null : int.Parse(bounds[1], CultureInfo.InvariantCulture);
                    return new Node.Repeat(atom, min, max);
                default:
                    return atom;
            }
        }

        private Node.Class ParseClass()
        {
            var negated = Peek('^');
            if (negated)
            {
                _position++;
            }

            var chars = new List<char>();
            var first = true;
            while (!AtEnd && (pattern[_position] != ']' || first))
            {
                first = false;
                var c = pattern[_position++];
                if (c == '\\')
                {
                    chars.AddRange(((Node.Class)Escape(pattern[_position++], inClass: true)).Chars);
                    continue;
                }

                if (_position + 1 < pattern.Length && pattern[_position] == '-' && pattern[_position + 1] != ']')
                {
                    var end = pattern[_position + 1];
                    _position += 2;
                    for (var x = c; x <= end; x++)
                    {
                        chars.Add(x);
                    }

                    continue;
                }

                chars.Add(c);
            }

            Expect(']');
            var set = chars.Distinct().ToList();
            return negated ? new Node.Class([.. Universe.Where(u => !set.Contains(u))]) : new Node.Class(set);
        }

        private static Node Escape(char c, bool inClass)
        {
            var whitespace = " \t\n\r\f\v".ToCharArray();
            IReadOnlyList<char>? chars = c switch
            {
                's' => whitespace,
                'S' => [.. Universe.Where(u => !char.IsWhiteSpace(u))],
                'd' => "0123456789".ToCharArray(),
                'w' => "abcXYZ019_".ToCharArray(),
                _ => null,
            };
            if (chars is not null)
            {
                return new Node.Class(chars);
            }

            return inClass ? new Node.Class([c]) : new Node.Literal(c.ToString());
        }

        private bool Peek(char c) => !AtEnd && pattern[_position] == c;

        private void Expect(char c)
        {
            if (!Peek(c))
            {
                throw Unsupported();
            }

            _position++;
        }
    }

    /// <summary>Shows a generated string with its control characters escaped, for seeds and counterexamples.</summary>
    public static string Show(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            builder.Append(c < ' ' ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}") : c.ToString());
        }

        return builder.Append('"').ToString();
    }
}
