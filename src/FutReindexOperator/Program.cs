using FutReindexOperator.Crd;

if (args is ["generate-crd", ..])
{
    var yaml = CrdGenerator.GenerateYaml();
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

await Console.Error.WriteLineAsync("usage: FutReindexOperator generate-crd [path]   writes the ReindexJob CRD (to stdout without a path)");
return 2;
