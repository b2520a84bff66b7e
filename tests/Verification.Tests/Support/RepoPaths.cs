namespace Verification.Tests.Support;

public static class RepoPaths
{
    /// <summary>The repository root (the folder holding Verification.sln), found from the test binary upwards.</summary>
    public static string Root { get; } = Find();

    public static string Snapshots(string area) => Path.Combine(Root, "snapshots", area);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Verification.sln"))) return dir.FullName;
        throw new InvalidOperationException("Verification.sln not found above " + AppContext.BaseDirectory);
    }
}
