// Attention with Markov (arXiv 2402.04161), §4: the escape times of tied training on (0.5, 0.8) in this harness against
// those of the authors' own Markov-LLM code run unmodified on CPU (measured for this project; docs/papers/AM.md), as two
// samples of right-censored times: Kaplan–Meier curves and the log-rank test (Core/Numerics).
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.Core.Reporting;

namespace Verification.Transformers.AttentionWithMarkov;

/// <summary>One sample of leave-the-plateau steps: whose, at which sequence length, the times (censored at 400: never left).</summary>
public sealed record LeaveSample(string Label, int Length, IReadOnlyList<SurvivalTime> Times)
{
    public int Left => Times.Count(t => t.Event);
}

/// <summary>
/// The comparison at one length: the harness's sample and the authors' (one variant per reading of their interval
/// data: every step at the earliest or at the latest value the evidence allows), each with its log-rank test.
/// </summary>
public sealed record LengthComparison(int Length, LeaveSample Ours, IReadOnlyList<(string Reading, LeaveSample Authors, LogRankResult Test)> Readings);

/// <summary>
/// Reads the two samples and compares them. "Left the plateau" is the authors'-code evidence's event: the first
/// evaluation whose loss is below <see cref="Threshold"/> (H(π) = 0.666, the entropy rate 0.619). In the harness's runs
/// (the loss every 10 steps on 2 fresh batches, recorded until each run reached the entropy rate) it is the first point
/// of the last stretch of evaluations below the threshold (a single noisy dip does not count), moved up to the
/// authors' evaluation grid (every 25 steps at T = 1024, every 10 at T = 256); a run still above it at step 400 is
/// censored there, as the authors' run that never left. Both definitions were fixed before either sample was compared.
/// </summary>
public static class AuthorsCodeComparison
{
    public const double Threshold = 0.655;
    public const int Horizon = 400;
    public const string ClaimId = "AM.tied-plateau-is-temporary";

    /// <summary>The authors' evaluation grid at sequence length T.</summary>
    public static int Grid(int length) => length >= 1024 ? 25 : 10;

    /// <summary>
    /// The harness's sample at length T: arm <c>tied-l1-t{T}</c> of the claim's record, its per-seed escape steps
    /// (<c>seedN.escape-step</c>, −1 censored) and its loss curves (the figure <c>am-plateau-escape-curves</c> in
    /// <paramref name="runFolder"/>, gzipped or not).
    /// </summary>
    public static LeaveSample Ours(ClaimRecord record, string runFolder, int length)
    {
        string arm = $"tied-l1-t{length}";
        int runs = (int)record.Measured[$"{arm}.runs"];
        var curves = Curves(runFolder, record);
        return new LeaveSample("this harness", length, Enumerable.Range(0, runs).Select(i => LeaveTime(curves[$"{arm} seed {i}"], length)).ToList());
    }

    /// <summary>
    /// One run's leave step from its (step, loss) curve: the first point of the last stretch below <see cref="Threshold"/>,
    /// moved up to the authors' evaluation grid at length T; censored at <see cref="Horizon"/> when the curve ends above it.
    /// </summary>
    public static SurvivalTime LeaveTime(IReadOnlyList<(double Step, double Loss)> points, int length)
    {
        int k = points.Count;
        while (k > 0 && points[k - 1].Loss < Threshold) k--;                                 // the last stretch below
        return k < points.Count
            ? SurvivalTime.Observed(Math.Ceiling(points[k].Step / Grid(length)) * Grid(length))
            : SurvivalTime.Censored(Horizon);
    }

    /// <summary>
    /// The authors' runs from <paramref name="csv"/> (columns length, seed, earliest, latest, censored; '#' lines are
    /// comments): one sample per reading — the earliest step of each interval, and the latest.
    /// </summary>
    public static IReadOnlyList<(string Reading, LeaveSample Sample)> Authors(string csv, int length)
    {
        var rows = csv.ReplaceLineEndings("\n").Split('\n').Where(l => l.Length > 0 && l[0] != '#').Skip(1)
            .Select(l => l.Split(',').Select(f => int.Parse(f, CultureInfo.InvariantCulture)).ToArray())
            .Where(r => r[0] == length).ToList();
        if (rows.Count == 0) throw new InvalidDataException($"no authors' run at T = {length}");
        LeaveSample Read(Func<int[], int> step) => new("authors' code", length,
            rows.Select(r => r[4] == 1 ? SurvivalTime.Censored(Horizon) : SurvivalTime.Observed(step(r))).ToList());
        return rows.Any(r => r[2] != r[3])
            ? [("intervals at their earliest", Read(r => r[2])), ("intervals at their latest", Read(r => r[3]))]
            : [("as measured", Read(r => r[2]))];
    }

    public static LengthComparison Compare(ClaimRecord record, string runFolder, string authorsCsv, int length)
    {
        var ours = Ours(record, runFolder, length);
        return new LengthComparison(length, ours,
            Authors(authorsCsv, length).Select(a => (a.Reading, a.Sample, LogRankTest.Compare(ours.Times, a.Sample.Times))).ToList());
    }

    /// <summary>The Kaplan–Meier curves of both samples at each length (the authors' interval readings both drawn).</summary>
    public static Figure Figure(IReadOnlyList<LengthComparison> comparisons)
    {
        var series = new List<Series>();
        foreach (var c in comparisons)
        {
            series.Add(Curve($"this harness, left the plateau, T = {c.Length}", c.Ours, SeriesStyle.Line, $"T = {c.Length}"));
            foreach (var (reading, authors, _) in c.Readings)
                series.Add(Curve($"authors' code, left the plateau, T = {c.Length}{(c.Readings.Count > 1 ? $" ({reading})" : "")}", authors, SeriesStyle.Dashed, $"T = {c.Length}"));
        }
        return new Figure("am-escape-vs-authors", "Tied, (0.5, 0.8): runs still on the H(π) plateau, harness vs authors' code",
            "iteration", "fraction of runs still on the plateau", series);
    }

    private static Series Curve(string name, LeaveSample sample, SeriesStyle style, string group)
    {
        var (x, y) = KaplanMeier.Estimate(sample.Times).StepCurve(Horizon);
        return new Series(name, x, y, style, group);
    }

    /// <summary>
    /// The factors c (on the grid 2^(k/20), c from 1/4 to 4) by which the authors' leave steps can be stretched (c·t,
    /// censored at 400 beyond it; a censored run stays censored) and still not differ from the harness's sample at the
    /// 5% level (χ² p ≥ 0.05): a range of time ratios the data cannot tell apart, (lowest, highest); null when none.
    /// </summary>
    public static (double Low, double High)? CompatibleRatios(LeaveSample ours, LeaveSample authors)
    {
        var compatible = Enumerable.Range(-40, 81).Select(k => Math.Pow(2, k / 20.0)).Where(c => LogRankTest.Compare(ours.Times,
                authors.Times.Select(t => t.Event && c * t.Time < Horizon ? SurvivalTime.Observed(c * t.Time) : SurvivalTime.Censored(Horizon)).ToList(),
                exact: false).PValue >= 0.05).ToList();
        return compatible.Count == 0 ? null : (compatible.Min(), compatible.Max());
    }

    /// <summary>The markdown table of the comparisons: sizes, runs that left, Kaplan–Meier medians, the tests.</summary>
    public static string Table(IReadOnlyList<LengthComparison> comparisons)
    {
        static string Median(LeaveSample s) => KaplanMeier.Estimate(s.Times).Median is double m ? m.ToString("F0", CultureInfo.InvariantCulture) : $"> {Horizon}";
        static string Steps(LeaveSample s) => string.Join(" ", s.Times.OrderBy(t => t.Time).Select(t => t.Event ? t.Time.ToString("F0", CultureInfo.InvariantCulture) : $"{t.Time:F0}+"));
        var md = new StringBuilder("| T | authors' runs read | left by 400 (harness / authors') | median (harness / authors') | log-rank χ² | p (χ², 1 df) | p (exact) | authors' steps × c not told apart |\n|---|---|---|---|---|---|---|---|\n");
        foreach (var c in comparisons)
            foreach (var (reading, authors, test) in c.Readings)
                md.Append(CultureInfo.InvariantCulture,
                    $"| {c.Length} | {reading} | {c.Ours.Left}/{c.Ours.Times.Count} / {authors.Left}/{authors.Times.Count} | {Median(c.Ours)} / {Median(authors)} | " +
                    $"{Significant.Format(test.ChiSquare, 3)} | {Significant.Format(test.PValue, 2)} | {(test.ExactPValue is double e ? Significant.Format(e, 2) : "—")} | " +
                    $"{(CompatibleRatios(c.Ours, authors) is var (lo, hi) ? $"{(lo <= 0.25 ? "≤ " : "")}{lo:F2} – {(hi >= 4 ? "≥ " : "")}{hi:F2}" : "none")} |\n");
        md.Append("\nLeave steps, sorted (+: censored at 400):\n\n");
        foreach (var c in comparisons)
        {
            md.Append(CultureInfo.InvariantCulture, $"- T = {c.Length}, this harness: {Steps(c.Ours)}\n");
            foreach (var (reading, authors, _) in c.Readings)
                md.Append(CultureInfo.InvariantCulture, $"- T = {c.Length}, authors' code ({reading}): {Steps(authors)}\n");
        }
        return md.ToString();
    }

    /// <summary>(step, loss) of every series of the run's escape-curve figure.</summary>
    private static Dictionary<string, List<(double Step, double Loss)>> Curves(string runFolder, ClaimRecord record)
    {
        string file = record.Files.FirstOrDefault(f => f.Contains("am-plateau-escape-curves.csv", StringComparison.Ordinal))
                      ?? throw new InvalidDataException($"the record of {record.Id} lists no escape-curve CSV");
        string path = Path.Combine(runFolder, file);
        if (!File.Exists(path) && File.Exists(path + ".gz")) path += ".gz";                 // CSVs over 1 MB are committed gzipped
        string text = path.EndsWith(".gz", StringComparison.Ordinal)
            ? new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress)).ReadToEnd()
            : File.ReadAllText(path);
        var curves = new Dictionary<string, List<(double, double)>>(StringComparer.Ordinal);
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n').Skip(1).Where(l => l.Length > 0 && l[0] != '#'))
        {
            int b = line.LastIndexOf(','), a = line.LastIndexOf(',', b - 1);
            string name = line[..a].Trim('"');
            if (!curves.TryGetValue(name, out var points)) curves[name] = points = [];
            points.Add((double.Parse(line[(a + 1)..b], CultureInfo.InvariantCulture), double.Parse(line[(b + 1)..], CultureInfo.InvariantCulture)));
        }
        return curves;
    }
}
