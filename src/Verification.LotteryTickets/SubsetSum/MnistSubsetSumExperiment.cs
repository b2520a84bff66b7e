// arXiv 2006.07990 §4, Experiment 1 (spec §4, P8): every weight of a trained bias-free 784-H-10 network replaced by
// a subset sum of n = 21 random coefficients drawn from U[min W, max W], ε = 0.01; the approximated network's accuracy
// re-measured on held-out digits (spec pitfall 2: the original log measured the target model twice).
using System.Collections.Concurrent;
using TorchSharp;
using Verification.Core.Data;
using Verification.Core.Runtime;
using Verification.Core.Seeding;
using Verification.LotteryTickets.Data;
using static TorchSharp.torch;

namespace Verification.LotteryTickets.SubsetSum;

/// <summary>Sizes of Experiment 1.</summary>
public sealed record MnistSubsetSumSettings(int Hidden, int Epochs, int BatchSize, double LearningRate, int Terms, double Epsilon)
{
    /// <summary>The paper: 784-500-10, n = c·round(log2(1/ε)) = 3·7 = 21 at ε = 0.01.</summary>
    public static MnistSubsetSumSettings Paper { get; } = new(500, 10, 64, 1e-3, 21, 0.01);

    /// <summary>CI: hidden 100 (79,400 weights, all approximated) so the 2×(train + solve) fits the test budget.</summary>
    public static MnistSubsetSumSettings Ci { get; } = new(100, 3, 64, 1e-3, 21, 0.01);

    public static MnistSubsetSumSettings Smoke { get; } = new(32, 1, 64, 1e-3, 21, 0.01);
}

/// <summary>What Experiment 1 measured.</summary>
public sealed record MnistSubsetSumResult(
    int Weights, double TargetAccuracy, double ApproximatedAccuracy, double MaxError, int WeightsOverEpsilon,
    double MeanKept, long[] KeptHistogram, double CoefficientLow, double CoefficientHigh, double MedianError)
{
    public double AccuracyChangePoints => 100 * (ApproximatedAccuracy - TargetAccuracy);
}

/// <summary>
/// Experiment 1: train the target, approximate every weight, re-measure. An instance remembers the targets it trained
/// (by seed, settings and device), so that the faithful run and its control approximate the same network; the
/// registration that creates it owns that cache (no process-wide state).
/// </summary>
public sealed class MnistSubsetSumExperiment
{
    private readonly ConcurrentDictionary<(long, MnistSubsetSumSettings, string), (double[,] W1, double[,] W2)> trained = new();

    /// <summary>Runs the experiment with <paramref name="solverFactory"/> (one solver per worker thread).</summary>
    /// <param name="device">Where the target network is trained and evaluated (torch's default device when null).</param>
    public MnistSubsetSumResult Run(MnistSubsetSumSettings settings, long seed, Func<SubsetSumSolver> solverFactory,
        Action<double>? progress = null, Device? device = null)
    {
        SubsetSumSolver.CheckEpsilon(settings.Epsilon, nameof(settings.Epsilon));
        if (settings.Terms is < 1 or > MeetInTheMiddle.Limit)
            throw new ArgumentOutOfRangeException(nameof(settings), settings.Terms, $"Terms must be in 1..{MeetInTheMiddle.Limit}");
        TorchRuntime.Initialize();
        var data = Mnist.Load(DatasetCache.Default());
        var (w1, w2) = trained.GetOrAdd((seed, settings, device?.ToString() ?? "default"), _ => Train(settings, data.Train, seed, device));
        progress?.Invoke(0.3);

        // U[min W, max W] over all weights of the target, as the authors' code
        double lo = Math.Min(Min(w1), Min(w2)), hi = Math.Max(Max(w1), Max(w2));
        var a1 = Approximate(w1, lo, hi, settings.Terms, seed, "W1", solverFactory);
        progress?.Invoke(0.8);
        var a2 = Approximate(w2, lo, hi, settings.Terms, seed, "W2", solverFactory);

        double targetAcc = Accuracy(settings, w1, w2, data.Test, device);
        double approxAcc = Accuracy(settings, a1.Approx, a2.Approx, data.Test, device);
        var kept = new long[settings.Terms + 1];
        for (int k = 0; k <= settings.Terms; k++) kept[k] = a1.Kept[k] + a2.Kept[k];
        int weights = w1.Length + w2.Length;
        var errors = a1.Errors.Concat(a2.Errors).Order().ToArray();
        return new MnistSubsetSumResult(weights, targetAcc, approxAcc, errors[^1], errors.Count(e => e > settings.Epsilon),
            kept.Select((c, k) => (double)c * k).Sum() / weights, kept, lo, hi, errors[errors.Length / 2]);
    }

    private static (double[,] W1, double[,] W2) Train(MnistSubsetSumSettings s, MnistSet train, long seed, Device? device)
    {
        using var scope = NewDisposeScope();
        var gen = new Generator((ulong)seed);
        var model = new BiasFreeMlp(Mnist.Pixels, s.Hidden, Mnist.Classes, gen, device);
        var x = tensor(train.Flat(), [train.Count, Mnist.Pixels], device: device);   // (N, 784)
        var y = tensor(train.LongLabels(), device: device);                           // (N)
        var opt = optim.Adam(model.parameters(), lr: s.LearningRate);
        for (int epoch = 0; epoch < s.Epochs; epoch++)
        {
            var order = HostRandom.Permutation(train.Count, gen, device);
            for (int start = 0; start < train.Count; start += s.BatchSize)
            {
                using var step = NewDisposeScope();
                var idx = order.narrow(0, start, Math.Min(s.BatchSize, train.Count - start));
                opt.zero_grad();
                var loss = nn.functional.cross_entropy(model.call(x.index_select(0, idx)), y.index_select(0, idx));   // (B, 10) vs (B)
                if (!double.IsFinite(loss.item<float>()))
                    throw new Verification.Core.Claims.ClaimInconclusiveException($"training diverged (loss {loss.item<float>()}) in epoch {epoch}");
                loss.backward();
                opt.step();
            }
        }
        return model.Weights();
    }

    private static double Accuracy(MnistSubsetSumSettings s, double[,] w1, double[,] w2, MnistSet test, Device? device)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var model = new BiasFreeMlp(Mnist.Pixels, s.Hidden, Mnist.Classes, new Generator(0), device);
        model.SetWeights(w1, w2);
        var logits = model.call(tensor(test.Flat(), [test.Count, Mnist.Pixels], device: device));   // (N, 10)
        var correct = logits.argmax(1).eq(tensor(test.LongLabels(), device: device)).sum().item<long>();
        return correct / (double)test.Count;
    }

    /// <summary>One layer's approximated weights, the error of each (row-major), and how many kept k coefficients.</summary>
    public sealed record Approximation(double[,] Approx, double[] Errors, long[] Kept);

    /// <summary>
    /// Replaces every weight of <paramref name="w"/> by the closest subset sum of its own <paramref name="terms"/>
    /// coefficients from U[lo, hi] (no reuse across a row; spec pitfall 3). Rows run in parallel on all cores, one
    /// solver per worker thread; each row draws from its own seeded stream, so the result does not depend on the
    /// schedule.
    /// </summary>
    public static Approximation Approximate(double[,] w, double lo, double hi, int terms, long seed, string layer,
        Func<SubsetSumSolver> solverFactory)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (terms is < 1 or > MeetInTheMiddle.Limit)
            throw new ArgumentOutOfRangeException(nameof(terms), terms, $"terms must be in 1..{MeetInTheMiddle.Limit}");
        if (!double.IsFinite(lo) || !double.IsFinite(hi) || lo > hi)
            throw new ArgumentOutOfRangeException(nameof(hi), hi, $"the coefficient range [lo, hi] = [{lo}, {hi}] must be finite with lo ≤ hi");
        int rows = w.GetLength(0), cols = w.GetLength(1);
        var approx = new double[rows, cols];
        var errors = new double[rows * cols];
        var keptPerRow = new long[rows][];
        Parallel.For(0, rows, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => solverFactory(),
            (r, _, solver) =>
            {
                var rng = new Rng(Seeds.Derive((int)(seed & 0x7fffffff), $"mnist-coefficients-{layer}-{r}"));
                var a = new double[terms];
                var kept = new long[terms + 1];
                for (int c = 0; c < cols; c++)
                {
                    for (int i = 0; i < a.Length; i++) a[i] = rng.Uniform(lo, hi);
                    var sol = solver.Solve(a, w[r, c]);
                    approx[r, c] = sol.Sum;
                    errors[r * cols + c] = sol.Error;
                    kept[sol.Kept]++;
                }
                keptPerRow[r] = kept;
                return solver;
            },
            _ => { });
        var total = new long[terms + 1];
        foreach (var k in keptPerRow)
            for (int i = 0; i < total.Length; i++) total[i] += k[i];
        return new Approximation(approx, errors, total);
    }

    private static double Min(double[,] w) => w.Cast<double>().Min();
    private static double Max(double[,] w) => w.Cast<double>().Max();
}
