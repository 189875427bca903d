namespace FutReindexOperator.Testing.OperatorHost;

/// <summary>The <c>dotnet</c> executable that runs framework-dependent assemblies such as FutReindexOperator.dll.</summary>
public static class DotnetHost
{
    /// <summary>This process's host when it is <c>dotnet</c>; else the SDK's <c>DOTNET_HOST_PATH</c>; else <c>dotnet</c> on the PATH.</summary>
    public static string Path
    {
        get
        {
            var current = Environment.ProcessPath;
            if (current is not null && System.IO.Path.GetFileNameWithoutExtension(current) == "dotnet")
            {
                return current;
            }

            return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } sdkHost ? sdkHost : "dotnet";
        }
    }
}
