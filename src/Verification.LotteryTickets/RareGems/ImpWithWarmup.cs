// Iterative magnitude pruning with warm-up rewinding (Frankle et al. 2020, "Linear mode connectivity and the lottery
// ticket hypothesis"), the reference curve "IMP" of Rare Gems (arXiv 2202.12002, §4 Figs. 3–5 and 7, Tables 1 and 4;
// the reference code's `imp_main.py`; spec §2). Round 0 trains the dense net with SGD and keeps the weights after
// iteration k, θ_k (the paper: iteration 1000 on CIFAR-10). Every later round prunes 20% of the surviving weights with
// the smallest trained |w|, globally across layers, rewinds the survivors to θ_k and retrains E epochs under the mask.
// Here E = the mining run's epochs per round at paper scale (the paper: 150–160), a quarter of it at CI. One
// trajectory passes through every target density.
using static TorchSharp.torch;

namespace Verification.LotteryTickets.RareGems;

/// <summary>
/// IMP with warm-up rewinding: rewind point after <paramref name="RewindIteration"/> optimiser steps of round 0 (0 =
/// rewind to init), <paramref name="EpochsPerRound"/> epochs of SGD per round (momentum 0.9, weight decay 1e-4, the
/// fine-tuning routine's multistep schedule restarted every round), <paramref name="PruneFraction"/> of the surviving
/// weights pruned per round.
/// </summary>
public sealed record ImpWithWarmupConfig(int RewindIteration, int EpochsPerRound, double PruneFraction = 0.2,
    double LearningRate = 0.1, int BatchSize = 128) : ImpReference
{
    public ImpWithWarmupConfig Validate()
    {
        if (RewindIteration < 0)
            throw new ArgumentOutOfRangeException(nameof(RewindIteration), RewindIteration, "the rewind iteration must be ≥ 0 (0 = init)");
        if (EpochsPerRound <= 0)
            throw new ArgumentOutOfRangeException(nameof(EpochsPerRound), EpochsPerRound, "IMP needs ≥ 1 training epoch per round");
        if (!(PruneFraction > 0 && PruneFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(PruneFraction), PruneFraction, "the fraction pruned per round must be in (0, 1)");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "the learning rate must be finite and > 0");
        if (BatchSize <= 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "batch size must be ≥ 2 (BatchNorm)");
        return this;
    }

    public override string Describe() => $"warm-up, rewind to step {RewindIteration}";
}

/// <summary>One prune of the trajectory: the surviving weights after it, and the target densities it lands on exactly.</summary>
public sealed record ImpPrune(long Active, IReadOnlyList<double> Targets);

/// <summary>
/// An IMP trajectory: the rewind weights θ_k and, for every target density s (descending), the mask of exactly
/// round(s·d) weights that the trajectory held when it reached s, and the training epochs run before that mask existed
/// (round 0 included; the cost of Table 1). Each mask is contained in the ones before it.
/// </summary>
public sealed record ImpTrajectory(Tensor[] RewindWeights, IReadOnlyList<double> Densities, IReadOnlyList<Tensor[]> Masks,
    IReadOnlyList<ImpPrune> Prunes, IReadOnlyList<int> EpochsTrained)
{
    /// <summary>The ticket's mask at <paramref name="density"/> (one of <see cref="Densities"/>).</summary>
    public Tensor[] Mask(double density)
    {
        int i = Densities.ToList().IndexOf(density);
        if (i < 0) throw new ArgumentException($"the trajectory has no mask at density {density} (targets: {string.Join(", ", Densities)})", nameof(density));
        return Masks[i];
    }

    /// <summary>The ticket at <paramref name="density"/>: its mask, with the survivors at θ_k, and the epochs it cost.</summary>
    public ImpTicket Ticket(double density) => new(Mask(density), RewindWeights, EpochsTrained[Densities.ToList().IndexOf(density)]);
}

public static class ImpWithWarmup
{
    /// <summary>
    /// The surviving counts of the trajectory of a net of <paramref name="size"/> weights through
    /// <paramref name="densities"/>: each prune removes ⌈f·active⌉ weights (the reference code's count), except the one
    /// that would reach or pass the next target, which stops at exactly max(1, round(s·d)); the trajectory goes on from
    /// there and ends at the last target. A target of density 1 is the dense mask, before any prune.
    /// </summary>
    public static IReadOnlyList<ImpPrune> Schedule(long size, IReadOnlyList<double> densities, double pruneFraction)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "the net needs ≥ 1 weight");
        if (!(pruneFraction > 0 && pruneFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(pruneFraction), pruneFraction, "the fraction pruned per round must be in (0, 1)");
        var targets = Targets(densities);
        var prunes = new List<ImpPrune>();
        long active = size;
        int next = 0;
        while (next < targets.Length && Count(targets[next], size) >= active) next++;   // density 1: the dense mask
        while (next < targets.Length)
        {
            long goal = Count(targets[next], size);
            active = Math.Max(goal, active - (long)Math.Ceiling(pruneFraction * active));
            var hit = new List<double>();
            while (next < targets.Length && Count(targets[next], size) >= active) hit.Add(targets[next++]);
            prunes.Add(new ImpPrune(active, hit));
        }
        return prunes;
    }

    /// <summary>
    /// Runs the trajectory on <paramref name="model"/>, whose current weights are the init θ_0; returns θ_k and one
    /// mask per density in <paramref name="densities"/>. Leaves the model at θ_k under the sparsest mask. No round
    /// trains after the last target is reached (the ticket is trained by whoever uses it).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">a density outside (0, 1], or k beyond the steps of round 0</exception>
    public static ImpTrajectory Run(MaskedMlp model, TensorData train, IReadOnlyList<double> densities, ImpWithWarmupConfig config,
        Generator shuffle, Action<double>? progress = null)
    {
        config.Validate();
        var targets = Targets(densities);
        long stepsPerEpoch = train.Count / config.BatchSize + (train.Count % config.BatchSize >= 2 ? 1 : 0);   // a 1-sample batch is dropped
        if (config.RewindIteration > stepsPerEpoch * config.EpochsPerRound)
            throw new ArgumentOutOfRangeException(nameof(config), config.RewindIteration,
                $"rewind iteration {config.RewindIteration} is after the {stepsPerEpoch * config.EpochsPerRound} steps of round 0");
        var schedule = Schedule(model.Size, targets, config.PruneFraction);
        var mask = model.W.Select(w => ones_like(w)).ToArray();
        var masks = targets.Where(s => Count(s, model.Size) >= model.Size).Select(_ => Clone(mask)).ToList();
        var epochs = masks.Select(_ => 0).ToList();   // a dense target costs no IMP training
        int trained = 0;

        // Round 0: the dense net; θ_k is the weights after k optimiser steps.
        Tensor[] rewind = config.RewindIteration == 0 ? Clone(model.W) : [];
        long steps = 0;
        Training.UseMask(model, mask);
        trained += Train(model, train, config, shuffle, () =>
        {
            if (++steps == config.RewindIteration) rewind = Clone(model.W);
        });
        for (int r = 0; r < schedule.Count; r++)
        {
            // Global magnitude pruning among the survivors (pruned entries rank below every survivor, so masks nest).
            var scores = model.W.Select((w, l) => w.detach().abs().masked_fill(mask[l].eq(0), -1)).ToArray();
            mask = Baselines.GlobalTopCount(scores, schedule[r].Active, largest: true);
            model.LoadWeights(rewind);
            Training.UseMask(model, mask);
            foreach (var _ in schedule[r].Targets)
            {
                masks.Add(Clone(mask));
                epochs.Add(trained);
            }
            progress?.Invoke((r + 1.0) / schedule.Count);
            if (r + 1 < schedule.Count) trained += Train(model, train, config, shuffle);
        }
        if (schedule.Count == 0) model.LoadWeights(rewind);   // every target dense: nothing pruned, the model still ends at θ_k
        return new ImpTrajectory(rewind, targets, masks, schedule, epochs);
    }

    /// <summary>Global surviving count of a target density: round(s·d), at least 1.</summary>
    public static long Count(double density, long size) => Math.Max(1, (long)Math.Round(density * size));

    private static double[] Targets(IReadOnlyList<double> densities)
    {
        foreach (var s in densities)
            if (!(s > 0 && s <= 1)) throw new ArgumentOutOfRangeException(nameof(densities), s, "density (fraction kept) must be in (0, 1]");
        return [.. densities.Distinct().OrderDescending()];
    }

    // SGD lr, momentum 0.9, weight decay 1e-4, ×0.1 at 8/15 and ×0.01 at 12/15 of the round (the 80/120-of-150 milestones).
    // Returns the epochs it trained (counted off the run's epoch losses).
    private static int Train(MaskedMlp model, TensorData train, ImpWithWarmupConfig config, Generator shuffle, Action? afterStep = null) =>
        Training.FineTune(model, train, config.EpochsPerRound, config.LearningRate, config.BatchSize, shuffle, afterStep: afterStep).Count;


    // Detached from any dispose scope: θ_k is copied inside the minibatch loop's per-step scope, and the result is memoised.
    private static Tensor[] Clone(IEnumerable<Tensor> tensors) => tensors.Select(t => t.detach().clone().DetachFromDisposeScope()).ToArray();
}
