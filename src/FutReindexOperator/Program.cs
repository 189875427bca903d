using FutReindexOperator.Crd;
using FutReindexOperator.Hosting;
using k8s.Exceptions;
using Microsoft.Extensions.Options;

if (args is ["generate-crd" or "generate-plan-crd", ..])
{
    var yaml = args[0] == "generate-crd" ? CrdGenerator.GenerateYaml() : CrdGenerator.GeneratePlanYaml();
    if (args.Length > 1)
    {
        await File.WriteAllTextAsync(args[1], yaml);
    }
    else
    {
        await Console.Out.WriteAsync(yaml);
    }

    return 0;
}

var builder = Host.CreateApplicationBuilder(args);
LoggingDefaults.AddTo(builder.Configuration);
builder.Configuration.AddCommandLine(args, KubernetesConnection.SwitchMappings);
builder.Services.AddJsonLogDefaults(builder.Configuration);
builder.Services.AddReindexOperator(builder.Configuration);
using var host = builder.Build();
try
{
    // Validated here, before the host starts, so that invalid configuration is one line, not the host's stack trace.
    host.Services.GetService<IStartupValidator>()?.Validate();
    await host.RunAsync();
    return 0;
}
catch (OptionsValidationException exception)
{
    await Console.Error.WriteLineAsync($"Invalid configuration: {string.Join("; ", exception.Failures)}");
    return 1;
}
catch (Exception exception) when (exception is FileNotFoundException or InvalidDataException or KubeConfigException)
{
    await Console.Error.WriteLineAsync($"Invalid configuration: {exception.Message}");
    return 1;
}
