using System.Text.RegularExpressions;
using Verification.Tests.Support;

namespace Verification.Tests.Docs;

/// <summary>
/// The README is the entry point: its first lines give the two commands, it stays short (≤ 12,000 characters: the
/// details live in docs/), and neither it nor docs/ points a user at what a user does not have (the developers'
/// shared folder, a machine path, an issue number).
/// </summary>
public sealed partial class ReadmeTests
{
    private static string Readme => File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

    [Fact]
    public void TheFirstLinesGiveTheTwoCommands()
    {
        var top = string.Join("\n", Readme.Split('\n').Take(8));
        Assert.Contains("dotnet run --project src/Verification.Cli -- verify", top);
        Assert.Contains("dotnet test Verification.sln", top);
    }

    [Fact]
    public void TheReadmeStaysShort() => Assert.InRange(Readme.Length, 1, 12_000);

    [Fact]
    public void DocsPointAtNothingAUserLacks()
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md", SearchOption.AllDirectories)
            .Append(Path.Combine(RepoPaths.Root, "README.md"));
        var offenders = files.SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(t => Forbidden().IsMatch(t.line))
            .Select(t => $"{Path.GetRelativePath(RepoPaths.Root, t.f)}:{t.i + 1}: {t.line.Trim()}").ToList();
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [GeneratedRegex(@"\.\./shared/|/work/|[Ii]ssue #[0-9]")]
    private static partial Regex Forbidden();
}
