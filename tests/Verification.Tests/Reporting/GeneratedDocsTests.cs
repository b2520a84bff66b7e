using Spectre.Console.Testing;
using Verification.Cli;
using Verification.Core.Reporting;
using Verification.Tests.Support;

namespace Verification.Tests.Reporting;

/// <summary>
/// The numbers tables of docs/papers and the results/paper index are written by <c>verify docs</c> from the committed
/// records: a committed table that differs from what the records give fails here, so the docs cannot drift again.
/// </summary>
public class GeneratedDocsTests
{
    [Fact]
    public void CommittedGeneratedSectionsMatchTheRecords()
    {
        var stale = DocsGenerator.Stale(RepoPaths.Root, ClaimCatalog.Create());
        Assert.True(stale.Count == 0, $"stale generated docs: {string.Join(", ", stale)}; regenerate with `{DocsGenerator.Command}`");
    }

    [Fact]
    public void EditedNumberIsStaleAndWritingRestoresItKeepingTheHandWrittenText()
    {
        using var dir = new TempDir();
        CopyDocsInto(dir.Path);
        string am = Path.Combine(dir.Path, "docs", "papers", "AM.md");
        string original = File.ReadAllText(am);
        string begin = GeneratedSections.Begin("escape-vs-authors");
        int at = original.IndexOf("| 1024 |", original.IndexOf(begin, StringComparison.Ordinal), StringComparison.Ordinal);
        File.WriteAllText(am, original[..at] + "| 1023 |" + original[(at + 8)..] + "\nhand-written tail\n");
        var registry = ClaimCatalog.Create();
        Assert.Equal(["docs/papers/AM.md"], DocsGenerator.Stale(dir.Path, registry));
        DocsGenerator.Write(dir.Path, registry);
        Assert.Empty(DocsGenerator.Stale(dir.Path, registry));
        Assert.Equal(original.ReplaceLineEndings("\n") + "\nhand-written tail\n", File.ReadAllText(am));
    }

    [Fact]
    public void SectionReplacementKeepsTheRestAndRejectsBrokenMarkers()
    {
        string text = $"head\n{GeneratedSections.Begin("x")}\nold\n{GeneratedSections.End("x")}\ntail\n";
        Assert.Equal($"head\n{GeneratedSections.Begin("x")}\nnew\n{GeneratedSections.End("x")}\ntail\n", GeneratedSections.Replace(text, "x", "new\n", "f.md"));
        Assert.Throws<InvalidDataException>(() => GeneratedSections.Replace("head\n", "x", "new", "f.md"));
        Assert.Throws<InvalidDataException>(() => GeneratedSections.Replace(text + text, "x", "new", "f.md"));
        Assert.Throws<InvalidDataException>(() => GeneratedSections.Replace($"{GeneratedSections.End("x")}\n{GeneratedSections.Begin("x")}\n", "x", "new", "f.md"));
    }

    [Fact]
    public void CheckCommandExitsOneWhenStaleAndTwoOnBadInput()
    {
        using var dir = new TempDir();
        CopyDocsInto(dir.Path);
        File.WriteAllText(dir["Verification.sln"], "");
        Assert.Equal(0, Docs("--check", "--root", dir.Path).Code);
        string index = Path.Combine(dir.Path, DocsGenerator.IndexFile);
        File.WriteAllText(index, File.ReadAllText(index).Replace("| 36 claims", "| 35 claims", StringComparison.Ordinal));
        var (code, output, _) = Docs("--check", "--root", dir.Path);
        Assert.Equal(1, code);
        Assert.Contains("stale: results/paper/README.md", output);
        File.WriteAllText(index, "no markers\n");
        var bad = Docs("--root", dir.Path);
        Assert.Equal(2, bad.Code);
        Assert.Contains("results/paper/README.md: no section 'runs'", bad.Err);
        Assert.Equal("no markers\n", File.ReadAllText(index));
        Assert.Equal(2, Docs("--root", dir["missing"]).Code);
    }

    private static (int Code, string Out, string Err) Docs(params string[] args)
    {
        var console = new TestConsole();
        var err = new StringWriter();
        int code = Program.Run(["verify", "docs", .. args], console, err);
        return (code, console.Output, err.ToString());
    }

    /// <summary>The generated files and the data they read; the run folders linked, not copied (16 MB of records).</summary>
    private static void CopyDocsInto(string root)
    {
        foreach (var file in DocsGenerator.Papers.Select(p => $"docs/papers/{p}.md").Append(DocsGenerator.IndexFile).Append(DocsGenerator.AuthorsData)
                     .Append(DocsGenerator.FigureStem + ".csv"))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, file))!);
            File.Copy(Path.Combine(RepoPaths.Root, file), Path.Combine(root, file));
        }
        foreach (var run in Directory.GetDirectories(Path.Combine(RepoPaths.Root, "results", "paper")))
            Directory.CreateSymbolicLink(Path.Combine(root, "results", "paper", Path.GetFileName(run)), run);
    }
}
