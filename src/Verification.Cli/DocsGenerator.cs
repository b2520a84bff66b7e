using Verification.Core.Claims;
using Verification.Core.IO;
using Verification.Core.Reporting;
using Verification.Transformers.AttentionWithMarkov;

namespace Verification.Cli;

/// <summary>
/// What <c>verify docs</c> writes from the committed records (results/paper/*): the runs and claims tables of
/// results/paper/README.md, each paper's table of paper-scale checks in docs/papers/&lt;PAPER&gt;.md, and AM's comparison of
/// escape times with the authors' code (its table in docs/papers/AM.md, its figure as PNG and CSV beside it). Only the
/// sections between generated markers change (<see cref="GeneratedSections"/>); a new run folder is picked up by its name.
/// </summary>
public static class DocsGenerator
{
    /// <summary>The papers with a docs/papers page holding a <c>paper-scale</c> section (MC has no page of its own).</summary>
    public static readonly string[] Papers = ["PC", "AM", "LG", "SS", "RG"];

    public const string IndexFile = "results/paper/README.md";
    public const string AuthorsData = "docs/papers/data/am-authors-code-leave-steps.csv";
    public const string FigureStem = "docs/papers/am-escape-vs-authors";
    public const string Command = "dotnet run --project src/Verification.Cli -- verify docs";

    /// <summary>The text files as they must be (relative path → content): every generated section filled in.</summary>
    public static IReadOnlyDictionary<string, string> Texts(string root, ClaimRegistry registry) => Generate(root, registry).Texts;

    /// <summary>The generated files whose committed content differs from what the records give, relative to <paramref name="root"/>.</summary>
    public static IReadOnlyList<string> Stale(string root, ClaimRegistry registry) =>
        Texts(root, registry).Where(f => !File.Exists(Path.Combine(root, f.Key))
                                         || File.ReadAllText(Path.Combine(root, f.Key)).ReplaceLineEndings("\n") != f.Value)
            .Select(f => f.Key).ToList();

    /// <summary>Writes every generated file (each atomically) and the figure's PNG; returns the paths written.</summary>
    public static IReadOnlyList<string> Write(string root, ClaimRegistry registry)
    {
        var (texts, figure) = Generate(root, registry);
        foreach (var (path, text) in texts) AtomicFile.WriteAllText(Path.Combine(root, path), text);
        AtomicFile.WriteAllBytes(Path.Combine(root, FigureStem + ".png"), FigureRenderer.Png(figure));
        return [.. texts.Keys, FigureStem + ".png"];
    }

    private static (Dictionary<string, string> Texts, Figure Figure) Generate(string root, ClaimRegistry registry)
    {
        string results = Path.Combine(root, "results", "paper");
        var index = PaperRunIndex.Load(results);
        var ids = registry.Ids.ToList();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        string Read(string path) => texts.TryGetValue(path, out var t) ? t : File.Exists(Path.Combine(root, path))
            ? File.ReadAllText(Path.Combine(root, path)) : throw new InvalidDataException($"'{path}' does not exist");
        void Set(string path, string section, string body) => texts[path] = GeneratedSections.Replace(Read(path), section, body, path);

        Set(IndexFile, "runs", PaperRunTables.Runs(index));
        Set(IndexFile, "claims", PaperRunTables.Claims(index, ids));
        foreach (var paper in Papers) Set($"docs/papers/{paper}.md", "paper-scale", PaperRunTables.Paper(index, ids, paper));

        var current = index.Current(AuthorsCodeComparison.ClaimId)
                      ?? throw new InvalidDataException($"no paper-scale record of {AuthorsCodeComparison.ClaimId} under results/paper");
        string authors = Read(AuthorsData);
        var comparisons = new[] { 256, 1024 }.Select(t => AuthorsCodeComparison.Compare(current.Record, Path.Combine(results, current.Run.Name), authors, t)).ToList();
        var figure = AuthorsCodeComparison.Figure(comparisons);
        Set("docs/papers/AM.md", "escape-vs-authors",
            $"From the record of `{AuthorsCodeComparison.ClaimId}` in run `{current.Run.Name}` and the authors'-code runs in " +
            $"`{AuthorsData.Replace("docs/papers/", "", StringComparison.Ordinal)}`; figure `{Path.GetFileName(FigureStem)}.png` (series in `.csv`).\n\n" +
            AuthorsCodeComparison.Table(comparisons));
        texts[FigureStem + ".csv"] = FigureRenderer.Csv(figure);
        return (texts, figure);
    }

    /// <summary>The repository root: the folder holding Verification.sln, from <paramref name="start"/> upwards; null when none.</summary>
    public static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Verification.sln"))) return dir.FullName;
        return null;
    }
}
