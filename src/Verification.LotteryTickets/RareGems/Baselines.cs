// Rare Gems (arXiv 2202.12002), §4 comparators and §4.1 sanity checks (spec §2–§3), at equal density:
// uniform random (Frankle et al.), Smart Ratio (Su et al. 2020, the reference `SmartRatio.py`), SNIP (Lee et al.
// 2019), SynFlow (Tanaka et al. 2020), GraSP (Wang et al. 2020); layer-wise shuffling and weight re-initialisation.
// Masks are lists of 0/1 tensors shaped like the weights (out, in).
using Verification.Core.Runtime;
using static TorchSharp.torch;

namespace Verification.LotteryTickets.RareGems;

public static class Baselines
{
    /// <summary>Keeps exactly round(s·n_l) uniformly random entries of every layer.</summary>
    public static Tensor[] UniformRandom(MaskedMlp model, double density, Generator generator) =>
        RandomWithRatios(model, Enumerable.Repeat(density, model.Layers).ToArray(), generator);

    /// <summary>Exact-count random mask with keep ratio <paramref name="ratios"/>[l] in layer l.</summary>
    public static Tensor[] RandomWithRatios(MaskedMlp model, IReadOnlyList<double> ratios, Generator generator)
    {
        var mask = new Tensor[model.Layers];
        for (int l = 0; l < model.Layers; l++)
        {
            long n = model.LayerSize(l);
            long k = (long)Math.Round(Math.Clamp(ratios[l], 0, 1) * n);
            var device = model.W[l].device;
            var flat = zeros(n, dtype: model.W[l].dtype, device: device);
            if (k > 0) flat.index_put_(ones(k, dtype: flat.dtype, device: device), HostRandom.Permutation(n, generator, device).slice(0, 0, k, 1));
            mask[l] = flat.view(model.W[l].shape);
        }
        return mask;
    }

    /// <summary>Sanity check 1: the same per-layer counts, positions permuted uniformly within each layer.</summary>
    public static Tensor[] ShuffleWithinLayers(IReadOnlyList<Tensor> mask, Generator generator) =>
        mask.Select(m => m.flatten().index_select(0, HostRandom.Permutation(m.numel(), generator, m.device)).view(m.shape)).ToArray();

    /// <summary>
    /// Smart Ratio keep ratios: layer l of L (1-indexed) ∝ (L−l+1)² + (L−l+1), the classifier fixed at 30%, the
    /// others rescaled so that the total density is s, ratios above 1 capped and the excess pushed onward.
    /// </summary>
    public static double[] SmartRatios(IReadOnlyList<int> widths, double density)
    {
        int layers = widths.Count - 1;
        var sizes = Enumerable.Range(0, layers).Select(l => (double)widths[l] * widths[l + 1]).ToArray();
        double total = sizes.Sum();
        var ratios = new double[layers];
        ratios[^1] = Math.Min(0.3, density * total / sizes[^1]);
        double budget = density * total - ratios[^1] * sizes[^1];
        var free = Enumerable.Range(0, layers - 1).ToList();
        while (free.Count > 0 && budget > 0)
        {
            var raw = free.ToDictionary(l => l, l => Math.Pow(layers - l, 2) + (layers - l));   // l is 0-indexed: L−(l+1)+1
            double scale = budget / free.Sum(l => raw[l] * sizes[l]);
            var capped = free.Where(l => raw[l] * scale >= 1).ToList();
            if (capped.Count == 0)
            {
                foreach (int l in free) ratios[l] = raw[l] * scale;
                break;
            }
            foreach (int l in capped)
            {
                ratios[l] = 1;
                budget -= sizes[l];
                free.Remove(l);
            }
        }
        return ratios;
    }

    /// <summary>SNIP: score |w ⊙ ∂L/∂w| of the dense network on a few minibatches; keep the global top fraction s.</summary>
    public static Tensor[] Snip(MaskedMlp model, TensorData data, double density, int samples = 1024)
    {
        PrepareDense(model);
        model.train();
        foreach (var w in model.W) w.requires_grad_(true);
        foreach (var w in model.W) w.grad?.zero_();
        using (var scope = NewDisposeScope())
        {
            long n = Math.Min(samples, data.Count);
            var x = data.X.slice(0, 0, n, 1);                   // (n, in)
            var y = data.Y.slice(0, 0, n, 1);                   // (n)
            nn.functional.cross_entropy(model.call(x), y).backward();
        }
        var scores = model.W.Select(w => (w.detach() * w.grad!).abs()).ToArray();
        foreach (var w in model.W) w.requires_grad_(false);
        return GlobalTopK(scores, density, largest: true);
    }

    /// <summary>SynFlow: iterative data-free pruning on |w| with an all-ones input, 100 rounds to s^{k/100}.</summary>
    public static Tensor[] SynFlow(MaskedMlp model, double density, int rounds = 100)
    {
        PrepareDense(model);
        var signs = model.W.Select(w => w.detach().sign()).ToArray();
        using (no_grad()) foreach (var w in model.W) w.abs_();
        model.eval();
        var mask = model.W.Select(w => ones_like(w)).ToArray();
        for (int k = 1; k <= rounds; k++)
        {
            Training.UseMask(model, mask);
            foreach (var w in model.W) w.requires_grad_(true);
            foreach (var w in model.W) w.grad?.zero_();
            using (var scope = NewDisposeScope())
                model.call(ones(1, model.Widths[0], dtype: model.W[0].dtype, device: model.W[0].device)).sum().backward();
            var scores = model.W.Select((w, l) => (w.detach() * w.grad! * mask[l]).abs()).ToArray();
            foreach (var w in model.W) w.requires_grad_(false);
            mask = GlobalTopK(scores, Math.Pow(density, (double)k / rounds), largest: true);
        }
        using (no_grad()) for (int l = 0; l < model.Layers; l++) model.W[l].mul_(signs[l]);
        return mask;
    }

    /// <summary>GraSP: g = ∇L, Hg by double backprop, score = −w ⊙ Hg; the highest scores are removed (keep the lowest s).</summary>
    public static Tensor[] GraSP(MaskedMlp model, TensorData data, double density, int samples = 1024)
    {
        PrepareDense(model);
        model.train();
        foreach (var w in model.W) w.requires_grad_(true);
        long n = Math.Min(samples, data.Count);
        Tensor[] scores;
        using (var scope = NewDisposeScope())
        {
            var x = data.X.slice(0, 0, n, 1);
            var y = data.Y.slice(0, 0, n, 1);
            var loss = nn.functional.cross_entropy(model.call(x), y);
            var g = autograd.grad([loss], model.W, retain_graph: true, create_graph: true);
            Tensor z = zeros(1, dtype: model.W[0].dtype, device: model.W[0].device);
            for (int l = 0; l < g.Count; l++) z = z + (g[l] * g[l].detach()).sum();
            var hg = autograd.grad([z], model.W, retain_graph: true);
            scores = model.W.Select((w, l) => (-w.detach() * hg[l]).MoveToOuterDisposeScope()).ToArray();
        }
        foreach (var w in model.W) w.requires_grad_(false);
        return GlobalTopK(scores, density, largest: false);
    }

    /// <summary>Sanity check 2: fresh signed-constant weights (the paper's "original distribution"), same mask.</summary>
    public static void Reinitialize(MaskedMlp model, Generator generator)
    {
        using var _ = no_grad();
        for (int l = 0; l < model.Layers; l++)
            model.W[l].copy_(HostRandom.Normal(0, 1, model.W[l].shape, model.W[l].dtype, generator, model.W[l].device).sign() * Math.Sqrt(2.0 / model.Widths[l]));
    }

    /// <summary>Keeps exactly round(s·d) entries with the largest (or smallest) scores across all layers.</summary>
    public static Tensor[] GlobalTopK(IReadOnlyList<Tensor> scores, double density, bool largest) =>
        GlobalTopCount(scores, Math.Max(1, (long)Math.Round(density * scores.Sum(s => s.numel()))), largest);

    /// <summary>Keeps exactly <paramref name="k"/> entries with the largest (or smallest) scores across all layers, ties by index.</summary>
    public static Tensor[] GlobalTopCount(IReadOnlyList<Tensor> scores, long k, bool largest)
    {
        var flat = cat(scores.Select(s => s.detach().flatten().to(ScalarType.Float64)).ToArray());   // (d)
        long d = flat.numel();
        if (k < 1 || k > d) throw new ArgumentOutOfRangeException(nameof(k), k, $"keep between 1 and {d} entries");
        var keys = largest ? flat : -flat;
        // Stable ranking: ties keep the lower index (argsort with stable sort).
        var order = keys.sort(dim: 0, descending: true, stable: true).Indices;
        var kept = zeros(d, dtype: scores[0].dtype, device: flat.device);
        kept.index_put_(ones(k, dtype: kept.dtype, device: flat.device), order.slice(0, 0, k, 1));
        var mask = new Tensor[scores.Count];
        long at = 0;
        for (int l = 0; l < scores.Count; l++)
        {
            long n = scores[l].numel();
            mask[l] = kept.slice(0, at, at + n, 1).view(scores[l].shape).clone();
            at += n;
        }
        return mask;
    }

    private static void PrepareDense(MaskedMlp model) =>
        Training.UseMask(model, model.W.Select(w => ones_like(w)).ToArray());
}
