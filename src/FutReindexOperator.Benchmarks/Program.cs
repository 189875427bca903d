using FutReindexOperator.Benchmarks.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, eventArgs) =>
{
    eventArgs.Cancel = true;
    cancellation.Cancel();
};

try
{
    return await Commands.RunAsync(HarnessArguments.Parse(args), Console.Out, cancellation.Token);
}
catch (ArgumentException exception)
{
    await Console.Error.WriteLineAsync($"{exception.Message}\n{Commands.Usage}");
    return 2;
}
