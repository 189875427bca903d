namespace FutReindexOperator.Testing.KubeApiServer.Tests.Support;

/// <summary>Finds the repository root (the folder holding FutReindexOperator.sln) from the test output folder.</summary>
internal static class RepositoryRoot
{
    public static string Path
    {
        get
        {
            var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "FutReindexOperator.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("FutReindexOperator.sln not found above the test folder.");
        }
    }
}
