using FsCheck;
using FsCheck.Fluent;

namespace Verification.Properties;

/// <summary>
/// A command line for the CLI: the subcommand words, then groups of tokens (an option and its value, a bare option, a
/// stray token) in generated order, and the scheduler variables it sees. Paths are written with the placeholders
/// <c>$ROOT</c> (the fuzz fixture) and <c>$CASE</c> (a fresh folder of this case), so a failing case reads the same
/// on every machine.
/// </summary>
public sealed record ArgumentVector(string[] Prefix, string[][] Groups, (string Name, string Value)[] Environment)
{
    public string[] Args => [.. Prefix, .. Groups.SelectMany(g => g)];

    public override string ToString() =>
        string.Join(" ", Environment.Select(e => $"{e.Name}={Quote(e.Value)}").Concat(Args.Select(Quote)));

    private static string Quote(string s) =>
        s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || "-_./$=:,@".Contains(c)) ? s : "'" + s.Replace("'", "'\\''") + "'";
}

/// <summary>
/// Generators of command lines for <c>verify</c>, <c>verify merge</c>, <c>verify compare</c>, <c>verify device</c>,
/// <c>verify cost-hints</c>, <c>verify explain</c>, <c>verify history</c>, <c>verify render-figures</c>, <c>verify docs</c> and <c>rd</c>: every option of every subcommand (also where it does not belong), misspelt options, valid and invalid
/// values (unicode, empty, huge and overflowing numbers, reversed ranges, NUL in a path), <c>--name=value</c> forms,
/// response files, stray tokens and scheduler variables. <c>--out</c> and <c>--resume</c> always come with one of the
/// fixture's values, never bare, so a generated line can never write outside the fixture folder.
/// </summary>
public static class CliArgumentArbitraries
{
    private static readonly string[] Paths = ["$ROOT/missing", "$ROOT/file.txt", "$ROOT/folder", "$ROOT/run-a", "$ROOT/garbage.json", ""];

    private static readonly Dictionary<string, string[]> Values = new()
    {
        ["--paper"] = ["MC", "PC", "AM", "LG", "SS", "RG", "mc", "M C", "0", "7", "", "ΜC"],
        ["--claim"] = [.. CliFuzzFixture.ClaimIds, "MC.instant-hold", "mc.instant-holds", "PC.", ".", "", "MC.instant-holds\n"],
        ["--exclude"] = [.. CliFuzzFixture.ClaimIds, "MC.nope", ""],
        ["--scale"] = ["smoke", "ci", "paper", "SMOKE", " ci ", "", "1", "pap"],
        ["--seed"] = ["0", "1", "2", "7", "2147483647", "2147483648", "-1", "1.5", "1e3", "NaN", "0x10", "٣", "99999999999999999999", " 3", ""],
        ["--seeds"] = ["1-3", "1,3,7", "1-3,9", "5-1", "0-2147483647", "2147483640-2147483647", "1-1001", "1,,2", "-", "1-", "-5", "", "1--3"],
        ["--shard"] = ["1/2", "2/2", "3/2", "0/1", "1/0", "auto", "AUTO", "1/2147483647", "2147483647/2147483647", "1/99999999999", "a/b", "", "1/-2"],
        ["--shards"] = ["1", "2", "0", "-3", "2147483647", "99999999999", "x"],
        ["--device"] = ["cpu", "cuda", "CPU", "gpu", "", "cpu:0"],
        ["--format"] = ["text", "markdown", "json", "html", "", "TEXT"],
        ["--jobs"] = ["1", "2", "0", "-1", "2147483647", "99999999999", "1.0", ""],
        ["--libtorch"] = ["$ROOT/folder", "$ROOT/missing", "$ROOT/file.txt", ""],
        ["--out"] = ["$CASE/out", "$CASE/out", "$CASE/ünï cödé ✓", "$ROOT/file.txt", "$ROOT/file.txt/sub", "$ROOT/run-a", "", " ", "$CASE/out\0x"],
        ["--resume"] = ["$ROOT/run-a", "$ROOT/run-b", "$ROOT/missing", "$ROOT/file.txt", "$ROOT/folder", "$CASE/out", "", "$ROOT/run-a.partial"],
        ["--data"] = ["$ROOT/data.jsonl", "$ROOT/data.jsonl", "$ROOT/bad.jsonl", "$ROOT/empty.jsonl", "$ROOT/missing", "$ROOT/folder", "$ROOT/garbage.json", ""],
        ["--black-box"] = ["oracle", "model", "ORACLE", ""],
        ["--loss"] = ["log", "zero-one", "l2", ""],
        ["--candidates"] = ["subsequences", "all-shorter", "all", ""],
        ["--records"] = ["$ROOT/run-a", "$ROOT/run-b", "$ROOT/missing", "$ROOT/file.txt", "$ROOT/folder", ""],
        ["--source-link"] = ["https://example.org/blob/abc", "http://x", "not a url", "", "https://example.org/{path}#L{line}"],
        ["--rates"] = ["0.1,0.5,1", "0", "1", "1.5", "NaN", "-0", "1e-300", "0.5,,1", "Infinity", "", "0.2,abc"],
    };

    /// <summary>Options that must never be bare: their value would be the next token, a path anywhere.</summary>
    private static readonly string[] AlwaysWithValue = ["--out", "--resume", "--data"];

    private static readonly string[] Misspelt = ["--Paper", "--claims", "--sed", "-s", "--outt", "—scale", "--scale ", "--ＳＣＡＬＥ", "-", "--", "---jobs"];

    private static readonly string[] Flags = ["--split", "--list", "--check", "--help", "-h", "-?", "--version"];

    private static readonly string[] Positional =
        ["$ROOT/run-a", "$ROOT/run-b", "$ROOT/run-a/results.json", "$ROOT/run-b/results.json", "$ROOT/garbage.json",
         "$ROOT/missing", "$ROOT/file.txt", "$ROOT/folder", "$CASE/out", "@$ROOT/args.rsp", "@$ROOT/missing.rsp",
         .. CliFuzzFixture.ClaimIds, "MC.nope"];

    private static readonly string[] SchedulerValues = ["1", "2", "4", "0", "-1", "x", "99999999999", ""];

    public static Arbitrary<ArgumentVector> ArgumentVector() =>
        Arb.From(
            from prefix in Prefix()
            from count in Gen.Frequency((3, Gen.Choose(0, 2)), (2, Gen.Choose(3, 5)), (1, Gen.Choose(6, 10)))
            from groups in Group().ArrayOf(count)
            from environment in Environment()
            select new ArgumentVector(prefix, groups, environment),
            Shrink);

    /// <summary>Smaller cases: one group fewer, or no scheduler variables.</summary>
    private static IEnumerable<ArgumentVector> Shrink(ArgumentVector v)
    {
        if (v.Environment.Length > 0) yield return v with { Environment = [] };
        for (int i = 0; i < v.Groups.Length; i++) yield return v with { Groups = [.. v.Groups[..i], .. v.Groups[(i + 1)..]] };
    }

    private static Gen<string[]> Prefix() => Gen.Frequency(
        (5, Gen.Constant<string[]>(["verify"])),
        (2, Gen.Constant<string[]>(["verify", "merge"])),
        (2, Gen.Constant<string[]>(["verify", "compare"])),
        (1, Gen.Constant<string[]>(["verify", "cost-hints"])),
        (1, Gen.Constant<string[]>(["verify", "device"])),
        (1, Gen.Constant<string[]>(["verify", "explain"])),
        (1, Gen.Constant<string[]>(["verify", "history"])),
        (1, Gen.Constant<string[]>(["verify", "render-figures"])),
        (1, Gen.Constant<string[]>(["verify", "docs"])),
        (2, Gen.Constant<string[]>(["rd"])),
        (1, Gen.Constant<string[]>([])),
        (1, Stray().Select(s => new[] { s })));

    private static Gen<string[]> Group() => Gen.Frequency(
        (8, from name in Gen.Elements(Values.Keys.ToArray())
            from value in Gen.Elements(Values[name])
            from joined in Gen.Elements('\0', '\0', '\0', '=', ':')
            select joined == '\0' ? new[] { name, value } : [$"{name}{joined}{value}"]),
        (2, from name in Gen.Elements(Values.Keys.Where(k => !AlwaysWithValue.Contains(k)).ToArray()) select new[] { name }),
        (1, from flag in Gen.Elements(Flags) select new[] { flag }),
        (1, from name in Gen.Elements(Misspelt) from value in Gen.Elements(Values["--scale"]) select new[] { name, value }),
        (2, from token in Gen.Elements(Positional) select new[] { token }),
        (2, from token in Stray() select new[] { token }));

    /// <summary>Any string, unicode and control characters included, that cannot be read as --out, --resume or a response file.</summary>
    private static Gen<string> Stray() =>
        Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""),
            Gen.Elements("0", "-0", "2147483648", "-2147483649", "1e308", "∞", "١٢", "\u202e", "a\nb", "\t", " "))
        .Where(s => !s.StartsWith("--o", StringComparison.Ordinal) && !s.StartsWith("--r", StringComparison.Ordinal)
                    && !s.StartsWith("--d", StringComparison.Ordinal) && !s.StartsWith('@'));

    private static Gen<(string Name, string Value)[]> Environment() => Gen.Frequency(
        (4, Gen.Constant(Array.Empty<(string, string)>())),
        (1, Variables("VERIFY_SHARD_INDEX", "VERIFY_SHARD_COUNT")),
        (1, Variables("SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_STEP", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MAX")),
        (1, Variables("JOB_COMPLETION_INDEX")),
        (1, Variables("CI_NODE_INDEX", "CI_NODE_TOTAL")),
        (1, from dir in Gen.Elements("$ROOT/folder", "$ROOT/missing", "") select new[] { ("VERIFICATION_LIBTORCH", dir) }));

    private static Gen<(string Name, string Value)[]> Variables(params string[] names) =>
        Gen.Elements(SchedulerValues).ArrayOf(names.Length).Select(values => names.Zip(values).ToArray());
}
