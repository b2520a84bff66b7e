using Spectre.Console;
using Verification.Cli;
using Verification.Core.Claims;
using Verification.Core.Reporting;
using Verification.PromptCompression.Data;

namespace Verification.Properties;

/// <summary>
/// What the argument fuzzer (<see cref="CliArgumentProperties"/>) runs against: a registry of claims that decide at once
/// (so no generated command line can start a long run), and a folder <see cref="Root"/> with the files and runs that
/// generated arguments name through <see cref="Placeholder"/>: a finished run at each of two seeds, a file, a folder
/// that is no run, datasets good and bad. The dataset cache of this process is a folder under it, so generated runs
/// leave nothing in the user's cache; the folder is removed when the process exits.
/// </summary>
public static class CliFuzzFixture
{
    /// <summary>Generated arguments write <c>$ROOT</c> for <see cref="Root"/>; the property substitutes it (stable case text).</summary>
    public const string Placeholder = "$ROOT";

    public static string Root { get; } = Path.Combine(Path.GetTempPath(), "verification-fuzz-" + Guid.NewGuid().ToString("N"));

    public static ClaimRegistry Registry { get; } = new([new InstantHolds(), new InstantFinding(), new InstantRefuted(), new SmallScalesOnly()]);

    /// <summary>Ids of <see cref="Registry"/>, for the generators.</summary>
    public static readonly string[] ClaimIds = ["MC.instant-holds", "PC.instant-finding", "LG.instant-refuted", "SS.small-scales-only"];

    private static readonly Lazy<bool> Made = new(Make);

    /// <summary>Creates the fixture once (the finished runs are made by the CLI itself).</summary>
    public static void Ensure() => _ = Made.Value;

    private static bool Make()
    {
        Directory.CreateDirectory(Root);
        Environment.SetEnvironmentVariable("VERIFICATION_CACHE", Path.Combine(Root, "cache"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        File.WriteAllText(Path.Combine(Root, "file.txt"), "not a run\n");
        File.WriteAllText(Path.Combine(Root, "garbage.json"), "{ \"schema\": ");
        File.WriteAllText(Path.Combine(Root, "empty.jsonl"), "");
        File.WriteAllText(Path.Combine(Root, "bad.jsonl"), "{\"context\": \"01x\", \"query\": \"Compute the parity.\"}\n");
        // One prompt of 13 tokens: the oracle's limits take milliseconds, and --black-box model (tabulated up to 12
        // tokens, trained on first use) is refused before it trains.
        File.WriteAllText(Path.Combine(Root, "data.jsonl"), PromptDataset.ToJsonl(
        [
            new PromptRow([0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 1, 0], BinaryQuery.CountOnes, 7),
            new PromptRow([0, 1, 1, 0], BinaryQuery.CountZeros, 2),
        ]));
        File.WriteAllText(Path.Combine(Root, "args.rsp"), "--scale\nsmoke\n");
        Directory.CreateDirectory(Path.Combine(Root, "folder"));
        // The repository root that `verify cost-hints` lines are given (never the checkout's own).
        Directory.CreateDirectory(Path.Combine(Root, "repo", "src", "Verification.Cli"));
        foreach (var (name, seed) in new[] { ("run-a", "1"), ("run-b", "2") })
        {
            var err = new StringWriter();
            int code = Program.Run(["verify", "--scale", "smoke", "--seed", seed, "--out", Path.Combine(Root, name)],
                Console(new StringWriter()), err, environment: _ => null, registry: Registry);
            if (code is not (0 or 1)) throw new InvalidOperationException($"fixture run {name} failed ({code}): {err}");
        }
        MakeDocsRepository(Path.Combine(Root, "docs-repo"));
        return true;
    }

    /// <summary>
    /// The repository that <c>verify docs</c> lines are given (each case works on its own copy): a Verification.sln,
    /// every generated section's markers, and run-a as a committed paper-scale run. It holds no record of the AM claim
    /// that the docs' figure is drawn from, so writing or checking the docs ends in a one-line error (exit 2) after the
    /// runs are read and the index's sections are generated, never in the checkout's own docs.
    /// </summary>
    private static void MakeDocsRepository(string repo)
    {
        Directory.CreateDirectory(Path.Combine(repo, "docs", "papers"));
        File.WriteAllText(Path.Combine(repo, "Verification.sln"), "");
        static string Section(string name) => $"{GeneratedSections.Begin(name)}\n{GeneratedSections.End(name)}\n";
        File.WriteAllText(Path.Combine(repo, "docs", "papers", "AM.md"), "# AM\n" + Section("paper-scale") + Section("escape-vs-authors"));
        foreach (var paper in DocsGenerator.Papers.Where(p => p != "AM"))
            File.WriteAllText(Path.Combine(repo, "docs", "papers", paper + ".md"), $"# {paper}\n" + Section("paper-scale"));
        CopyFolder(Path.Combine(Root, "run-a"), Path.Combine(repo, "results", "paper", "a-0000000"));
        File.WriteAllText(Path.Combine(repo, "results", "paper", "README.md"), "# Runs\n" + Section("runs") + Section("claims"));
    }

    /// <summary>Copies <paramref name="from"/> with everything under it to <paramref name="to"/>.</summary>
    public static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories)) Directory.CreateDirectory(dir.Replace(from, to));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories)) File.Copy(file, file.Replace(from, to));
    }

    /// <summary>A console that is no terminal (one line per item, no progress bars) writing to <paramref name="output"/>.</summary>
    public static IAnsiConsole Console(TextWriter output) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
        Out = new AnsiConsoleOutput(output),
    });

    private static Outcome Decide(bool holds) => new Observations().Expect("scripted", holds, "decided at once").Conclude("scripted");

    private sealed class InstantHolds : Claim
    {
        public override string Id => "MC.instant-holds";
        public override PaperRef Paper => PaperRef.MarkovMachinery;
        public override string Section => "fuzz";
        public override string Statement => "holds at once";
        public override string NegativeControl => "refuted at once";
        protected override Outcome Check(ClaimContext context, Construction construction) => Decide(construction == Construction.Faithful);
    }

    private sealed class InstantFinding : Claim
    {
        public override string Id => "PC.instant-finding";
        public override PaperRef Paper => PaperRef.PromptCompression;
        public override string Section => "fuzz";
        public override string Statement => "a recorded finding, refuted at once";
        public override string NegativeControl => "a positive control that holds";
        public override Verdict Recorded => Verdict.Refuted;
        protected override Outcome Check(ClaimContext context, Construction construction) => Decide(construction == Construction.Sabotaged);
    }

    private sealed class InstantRefuted : Claim
    {
        public override string Id => "LG.instant-refuted";
        public override PaperRef Paper => PaperRef.LocalToGlobal;
        public override string Section => "fuzz";
        public override string Statement => "recorded as holding, refuted at once (exit 1)";
        public override string NegativeControl => "refuted at once";
        protected override Outcome Check(ClaimContext context, Construction construction) => Decide(false);
    }

    private sealed class SmallScalesOnly : Claim
    {
        public override string Id => "SS.small-scales-only";
        public override PaperRef Paper => PaperRef.SubsetSumLottery;
        public override string Section => "fuzz";
        public override string Statement => "holds at once; not run at paper scale";
        public override string NegativeControl => "refuted at once";
        public override IReadOnlyCollection<Scale> Scales { get; } = [Scale.Smoke, Scale.Ci];
        protected override Outcome Check(ClaimContext context, Construction construction) => Decide(construction == Construction.Faithful);
    }
}
