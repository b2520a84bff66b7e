// Attention with Markov (arXiv 2402.04161), §4, the (p, q) grid figure (spec §5 item 6): the trained 1-layer code
// model's predicted P(0 | x = 1) over a grid of chains, tied and untied; its heatmaps and the plateau table.
using Verification.Core.Claims;
using Verification.Core.Markov;
using static TorchSharp.torch;

namespace Verification.Transformers.AttentionWithMarkov;

/// <summary>A grid run's result, the sub-unit stored per run (a typed record, round-tripped exactly as JSON).</summary>
public sealed record GridRunResult(double ProbZeroGivenOne)
{
    /// <summary>What a part run (verify --split) sees for a run another part owns.</summary>
    public static GridRunResult Placeholder { get; } = new(double.NaN);
}

/// <summary>
/// One run of one cell: its report name, the chain it is judged against, the prediction and what it must be near —
/// q (the kernel) everywhere except tied cells with p+q &gt; 1, where it is the nearer of q and π0 (the unigram point).
/// </summary>
public sealed record GridRun(string Name, BinaryMarkovChain Chain, bool Tied, double ProbZeroGivenOne)
{
    /// <summary>Tied with p+q &gt; 1: the kernel and the unigram point are both accepted.</summary>
    public bool EitherPoint => Tied && Chain.SwitchingFactor > 1;

    /// <summary>The reference P̂(0|1) is compared with: q, or for <see cref="EitherPoint"/> cells the nearer of q and π0.</summary>
    public double Expected => EitherPoint && Math.Abs(ProbZeroGivenOne - Chain.Pi0) < Math.Abs(ProbZeroGivenOne - Chain.Q) ? Chain.Pi0 : Chain.Q;
}

/// <summary>
/// The runs of the grid, trained cell by cell (untied arm, then tied; rows q, columns p; then seeds), each a sub-unit
/// of the claim. The grid keeps what its figures need as the runs are made: per cell the mean P̂(0|1) and the fraction
/// of runs on the plateau (P̂(0|1) within the tolerance of π0 and not of q).
/// </summary>
public sealed class PqGrid(double[] grid, int seedsPerCell, bool sampled, TrainingConfig config, double tolerance, bool[] arms, bool transposed)
{
    private readonly Dictionary<bool, (double[,] Mean, double[,] Plateau)> maps = arms.ToDictionary(t => t, _ => (Nan(grid.Length), Nan(grid.Length)));
    private readonly List<IReadOnlyList<double>> rows = [];

    /// <summary>Runs handed out so far (another part's placeholders included).</summary>
    public int Made { get; private set; }

    public int TiedAboveOne { get; private set; }
    public int TiedAboveOneAtUnigram { get; private set; }

    /// <summary>
    /// The runs, lazily: a caller that stops enumerating trains nothing further. Run s of cell (p, q) is seeded from
    /// <c>grid-{arm}-{p}-{q}</c> (run 0, the stream of the one-seed grid) or <c>grid-{arm}-{p}-{q}-seed-{s}</c>; a
    /// transposed grid (the sabotage) trains on (q, p) and is judged against (p, q).
    /// </summary>
    public IEnumerable<GridRun> Runs(ClaimContext context)
    {
        int n = grid.Length;
        foreach (bool tied in arms)
        {
            string arm = tied ? "tied" : "untied";
            var cells = (from r in Enumerable.Range(0, n) from c in Enumerable.Range(0, n) from s in Enumerable.Range(0, seedsPerCell)
                         select Cell(context, arm, tied, r, c, s)).ToList();
            var trained = new Dictionary<string, BatchedRunResult>();
            double sum = 0;
            int onPlateau = 0, done = 0;
            for (int k = 0; k < cells.Count; k++)
            {
                var cell = cells[k];
                int r = cell.Row, c = cell.Column, s = cell.Run;
                double p = grid[c], q = grid[r];
                if (s == 0) { sum = 0; onPlateau = 0; done = 0; }
                if (sampled && !trained.ContainsKey(cell.Key) && context.WillCompute(cell.Key))
                    TrainAhead(context, cells, k, trained);
                var result = context.SubUnit(cell.Key, () => trained.Remove(cell.Key, out var ahead) ? Result(ahead, cell) : Train(context, cell),
                    GridRunResult.Placeholder);
                var run = new GridRun(seedsPerCell == 1 ? $"{arm}.p={p},q={q}" : $"{arm}.p={p},q={q}.seed{s}",
                    new BinaryMarkovChain(p, q), tied, result.ProbZeroGivenOne);
                context.Report(++Made / (double)(arms.Length * n * n * seedsPerCell));
                if (double.IsNaN(run.ProbZeroGivenOne)) { yield return run; continue; }   // another part's run
                bool plateau = Near(run.Chain.Pi0, run.ProbZeroGivenOne) && !Near(q, run.ProbZeroGivenOne);
                if (run.EitherPoint) { TiedAboveOne++; if (plateau) TiedAboveOneAtUnigram++; }
                if (plateau) onPlateau++;
                sum += run.ProbZeroGivenOne;
                done++;
                maps[tied].Mean[r, c] = sum / done;
                maps[tied].Plateau[r, c] = onPlateau / (double)done;
                if (done == 1) rows.Add([p, q, tied ? 1 : 0, done, onPlateau / (double)done, sum / done]);
                else rows[^1] = [p, q, tied ? 1 : 0, done, onPlateau / (double)done, sum / done];
                yield return run;
            }
        }
    }

    /// <summary>
    /// One run of the grid: cell (row q, column p), run <paramref name="s"/>; the chain it trains on (transposed for the
    /// sabotage), its seed and its sub-unit key.
    /// </summary>
    private sealed record GridCell(string Key, int Row, int Column, int Run, BinaryMarkovChain Chain, SampledRun Training, string What);

    private GridCell Cell(ClaimContext context, string arm, bool tied, int r, int c, int s)
    {
        double p = grid[c], q = grid[r];
        var (tp, tq) = transposed ? (q, p) : (p, q);
        long seed = context.DeriveSeed($"grid-{arm}-{p}-{q}{(s == 0 ? "" : $"-seed-{s}")}");
        var chain = new BinaryMarkovChain(tp, tq);
        return new($"{arm}.p={p},q={q}{(s == 0 ? "" : $"#seed{s}")}", r, c, s, chain, new SampledRun(chain, tied, config, seed),
            $"({p},{q}) {arm}, run {s}");
    }

    /// <summary>
    /// Sampled grid: trains the runs from <paramref name="k"/> on that this context will compute (its part's, those not
    /// stored yet), up to <see cref="BatchedTraining.RunsPerBatch"/>, as one batched program. A run's result does not
    /// depend on its companions, so the stored cells are the same whichever part or batch trains them.
    /// </summary>
    private void TrainAhead(ClaimContext context, List<GridCell> cells, int k, Dictionary<string, BatchedRunResult> trained)
    {
        var batch = cells.Skip(k).Where(x => !trained.ContainsKey(x.Key) && context.WillCompute(x.Key))
            .Take(BatchedTraining.RunsPerBatch(config, context.Device.ToTorch())).ToList();
        var results = BatchedTraining.Train(batch.Select(x => x.Training).ToList(), context.Device.ToTorch());
        for (int i = 0; i < batch.Count; i++) trained[batch[i].Key] = results[i];
    }

    private GridRunResult Train(ClaimContext context, GridCell cell)
    {
        if (sampled) return Result(BatchedTraining.Train([cell.Training], context.Device.ToTorch())[0], cell);
        try
        {
            return new(ExactCodeTraining.Train(cell.Chain.P, cell.Chain.Q, cell.Training.Tied, config, cell.Training.Seed, context.Device.ToTorch()).ProbZeroGivenOne);
        }
        catch (TrainingDivergedException e)
        {
            throw new ClaimInconclusiveException($"{cell.What}: {e.Message}");
        }
    }

    private static GridRunResult Result(BatchedRunResult result, GridCell cell) => new(ClaimTraining.Get(result, cell.What).Final.ProbZeroGivenOne);

    /// <summary>The heatmaps of the mean prediction per arm, the tied arm's plateau fractions, and the table behind them.</summary>
    public void AddFigures(Observations obs)
    {
        string how = PqGridFigures.How(sampled, config.Length, seedsPerCell);
        foreach (bool tied in arms)
        {
            obs.Add(PqGridFigures.Mean(tied, grid, maps[tied].Mean, how));
            if (tied) obs.Add(PqGridFigures.Plateau(grid, maps[tied].Plateau, how));
        }
        obs.Add(new DataTable("am-grid-plateau-fraction", ["p", "q", "tied", "runs", "fraction-on-plateau", "mean-P(0|1)"], rows));
    }

    private bool Near(double reference, double value) => Math.Abs(value - reference) <= tolerance;

    private static double[,] Nan(int n)
    {
        var m = new double[n, n];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++) m[r, c] = double.NaN;
        return m;
    }
}
