using System.Buffers;
using System.Globalization;
using System.Text;

namespace FutReindexOperator.Testing.HapiSimulator.Mesh;

/// <summary>
/// Wraps a connection's output and writes HTTP/1.1 response header names in lowercase, as Envoy sends them
/// (Kestrel writes the names it knows in canonical case). It follows message framing by <c>Content-Length</c>;
/// on anything it cannot frame (chunked, close-delimited, a head that is not a response) it passes the rest of the
/// connection through unchanged, so it never alters a body.
/// </summary>
public sealed class LowercaseHeaderNamesStream(Stream inner) : Stream
{
    private const int MaxHeadLength = 64 * 1024;
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();

    private readonly List<byte> _head = [];
    private State _state = State.Head;
    private long _bodyRemaining;

    private enum State
    {
        Head,
        Body,
        Passthrough,
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var output = new ArrayBufferWriter<byte>(buffer.Length + 64);
        Transform(buffer, output);
        inner.Write(output.WrittenSpan);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var output = new ArrayBufferWriter<byte>(buffer.Length + 64);
        Transform(buffer.Span, output);
        await inner.WriteAsync(output.WrittenMemory, cancellationToken);
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void Transform(ReadOnlySpan<byte> data, IBufferWriter<byte> output)
    {
        while (!data.IsEmpty)
        {
            switch (_state)
            {
                case State.Passthrough:
                    output.Write(data);
                    return;
                case State.Body:
                    var length = (int)Math.Min(_bodyRemaining, data.Length);
                    output.Write(data[..length]);
                    data = data[length..];
                    _bodyRemaining -= length;
                    if (_bodyRemaining == 0)
                    {
                        _state = State.Head;
                    }

                    break;
                default:
                    data = ConsumeHead(data, output);
                    break;
            }
        }
    }

    private ReadOnlySpan<byte> ConsumeHead(ReadOnlySpan<byte> data, IBufferWriter<byte> output)
    {
        // Look for the blank line across what was buffered and the new data.
        var searchFrom = Math.Max(0, _head.Count - (HeadEnd.Length - 1));
        _head.AddRange(data);
        var all = _head.ToArray();
        var end = all.AsSpan(searchFrom).IndexOf(HeadEnd);
        if (end < 0)
        {
            if (_head.Count > MaxHeadLength)
            {
                output.Write(all);
                _head.Clear();
                _state = State.Passthrough;
            }

            return [];
        }

        var headLength = searchFrom + end + HeadEnd.Length;
        var consumedFromData = headLength - (all.Length - data.Length);
        _head.Clear();
        output.Write(Rewrite(all.AsSpan(0, headLength)));
        return data[consumedFromData..];
    }

    private byte[] Rewrite(ReadOnlySpan<byte> head)
    {
        var text = Encoding.Latin1.GetString(head);
        if (!text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) || text.Length < 12
            || !int.TryParse(text.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            _state = State.Passthrough;
            return head.ToArray();
        }

        var lines = text[..^4].Split("\r\n");
        long? contentLength = null;
        var chunked = false;
        for (var index = 1; index < lines.Length; index++)
        {
            var colon = lines[index].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = lines[index][..colon].ToLowerInvariant();
            var value = lines[index][(colon + 1)..].Trim();
            lines[index] = name + lines[index][colon..];
            if (name == "content-length" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                contentLength = parsed;
            }
            else if (name == "transfer-encoding")
            {
                chunked = true;
            }
        }

        if (status is (>= 100 and < 200) or 204 or 304)
        {
            _state = State.Head;
        }
        else if (chunked || contentLength is null)
        {
            _state = State.Passthrough;
        }
        else
        {
            _bodyRemaining = contentLength.Value;
            _state = _bodyRemaining == 0 ? State.Head : State.Body;
        }

        return Encoding.Latin1.GetBytes(string.Join("\r\n", lines) + "\r\n\r\n");
    }
}
