using System.Runtime.InteropServices;
using FutReindexOperator.Sandbox;
using FutReindexOperator.Sandbox.Display;
using FutReindexOperator.Sandbox.Options;

var parsed = SandboxOptionsParser.Parse(args);
if (parsed.Options is not { } options)
{
    await Console.Error.WriteLineAsync($"{parsed.Error}");
    return ExitCodes.BadOptions;
}

if (options.ShowHelp)
{
    Console.WriteLine(SandboxOptionsParser.Usage);
    return ExitCodes.AllAsExpected;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, pressed) =>
{
    pressed.Cancel = true;
    stop.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
{
    signal.Cancel = true;
    stop.Cancel();
});

// A terminal gets the table redrawn in place; a pipe or file (CI logs, tests) gets one line per change.
IJobView view = Console.IsOutputRedirected
    ? new ChangeLogView(Console.Out)
    : new TerminalTableView(Console.Out, () => Console.WindowWidth);
return await new SandboxRun(options, Console.Out, view, TimeProvider.System).RunAsync(stop.Token);
