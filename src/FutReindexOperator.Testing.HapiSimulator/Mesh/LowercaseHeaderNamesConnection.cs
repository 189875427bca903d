using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;

namespace FutReindexOperator.Testing.HapiSimulator.Mesh;

/// <summary>Kestrel connection middleware that sends the connection's output through <see cref="LowercaseHeaderNamesStream"/>.</summary>
public static class LowercaseHeaderNamesConnection
{
    public static ConnectionDelegate Wrap(ConnectionDelegate next) => async connection =>
    {
        var original = connection.Transport;
        var output = PipeWriter.Create(new LowercaseHeaderNamesStream(original.Output.AsStream(leaveOpen: true)));
        connection.Transport = new Pipe(original.Input, output);
        try
        {
            await next(connection);
        }
        finally
        {
            await output.CompleteAsync();
            connection.Transport = original;
        }
    };

    private sealed class Pipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
