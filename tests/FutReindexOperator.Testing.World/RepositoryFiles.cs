namespace FutReindexOperator.Testing.World;

/// <summary>Files of the checkout these tests were built from (the folder holding FutReindexOperator.sln).</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    /// <summary>The absolute path of a repository-relative path written with forward slashes.</summary>
    public static string Combine(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FutReindexOperator.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No FutReindexOperator.sln above {AppContext.BaseDirectory}.");
    }
}
