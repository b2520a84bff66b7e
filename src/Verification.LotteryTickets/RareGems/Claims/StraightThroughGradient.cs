// Rare Gems (arXiv 2202.12002), §3 (scores trained through the hard 0.5 threshold), spec §1 "Backward": the score
// gradient is ∂L/∂p = (∂L/∂w_eff ⊙ w) ⊙ q — frozen entries get no task gradient.
using Verification.Core.Runtime;
using Verification.Core.Claims;
using Verification.Core.Numerics;
using static TorchSharp.torch;

namespace Verification.LotteryTickets.RareGems.Claims;

/// <summary>
/// The straight-through score gradient of GEM-MINER equals (∂L/∂w_eff ⊙ w) ⊙ q, and frozen entries get exactly 0.
/// Negative control: a straight-through estimator that ignores the flags q.
/// </summary>
public sealed class StraightThroughGradient : Claim<StraightThroughGradient.Settings>
{
    /// <param name="Cases">random (net, data, flags) cases, each from its own seed</param>
    /// <param name="Widths">layer widths of the small float64 MLP</param>
    /// <param name="GradientTolerance">absolute, float64 (the two gradients are the same sums in a different order)</param>
    /// <param name="Samples">teacher-labelled inputs per case</param>
    /// <param name="FrozenFraction">each flag is frozen (q = 0) with this probability</param>
    public sealed record Settings(int Cases, int[] Widths, double GradientTolerance = StraightThroughGradient.GradientTolerance,
        int Samples = StraightThroughGradient.Samples, double FrozenFraction = StraightThroughGradient.FrozenFraction) : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) => new(scale == Scale.Smoke ? 3 : 10, DefaultWidths);
    }

    public override string Id => "RG.straight-through-gradient";
    public override PaperRef Paper => PaperRef.RareGems;
    public override string Section => "§3 (straight-through rounding); spec §1 Backward, §5 claim 1";
    public override string Statement =>
        "The score gradient autograd computes through GEM-MINER's hard-threshold mask equals (∂L/∂w_eff ⊙ w) ⊙ q, with " +
        "∂L/∂w_eff taken separately at w_eff = w ⊙ 1[p>0.5] ⊙ q (float64, max abs error ≤ 1e-10); frozen entries get exactly 0.";
    public override string NegativeControl =>
        "A straight-through estimator that leaves out the flags q, so frozen entries keep receiving a task gradient.";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        TorchRuntime.Initialize();
        var cases = Enumerable.Range(0, settings.Cases).Select(c =>
        {
            using var scope = NewDisposeScope();
            var (error, frozen) = Compare(context.DeriveSeed($"rg.ste.{c}"), construction == Construction.Sabotaged, context.Device.ToTorch(),
                settings.Widths, settings.Samples, settings.FrozenFraction);
            context.Report((c + 1.0) / settings.Cases);
            return (Case: $"case={c}", Error: error, Frozen: frozen);
        }).ToList();
        // ∂L/∂p = (∂L/∂w_eff ⊙ w) ⊙ q in every case (the worst is shown); exactly 0 on frozen entries
        return new Observations()
            .ExpectAll("max-abs-error", cases.Select(c => (c.Case, c.Error, 0.0)), Tolerance.Absolute(settings.GradientTolerance))
            .ExpectAll("max-abs-gradient-on-frozen", cases.Select(c => (c.Case, c.Frozen, 0.0)), Tolerance.Absolute(0))
            .Measure("cases", settings.Cases)
            .Conclude(() => $"autograd's score gradient matches (∂L/∂w_eff ⊙ w) ⊙ q to {cases.Max(c => c.Error):E1} in {settings.Cases} cases, frozen entries get 0");
    }

    /// <summary>Max |autograd − formula| over all scores, and max |autograd| over frozen scores, for one random case.</summary>
    public static (double Error, double Frozen) Compare(long seed, bool ignoreFlags, Device? device = null,
        IReadOnlyList<int>? widths = null, int samples = Samples, double frozenFraction = FrozenFraction)
    {
        widths ??= DefaultWidths;
        using var data = SyntheticTask.Teacher(widths[0], widths[^1], samples, seed, ScalarType.Float64, device);
        using var model = new MaskedMlp(widths, ScalarType.Float64, device) { StraightThroughIgnoresFlags = ignoreFlags };
        var generator = new Generator((ulong)seed + 1);
        GemMiner.Initialize(model, generator);
        using (no_grad())
            foreach (var q in model.Q) q.copy_((HostRandom.Uniform(0, 1, q.shape, q.dtype, generator, q.device) > frozenFraction).to(q.dtype));
        model.train();
        foreach (var p in model.P) p.requires_grad_(true);
        nn.functional.cross_entropy(model.call(data.X), data.Y).backward();

        // ∂L/∂w_eff: the same network with its effective weights as the (unmasked) trainable weights.
        var mask = GemMiner.GemMask(model);
        using var effective = GemExperiment.BuildWidths(widths, model.W.Select((w, l) => w.detach() * mask[l]).ToArray(),
            mask.Select(m => ones_like(m)).ToArray(), ScalarType.Float64);
        effective.train();
        foreach (var w in effective.W) w.requires_grad_(true);
        nn.functional.cross_entropy(effective.call(data.X), data.Y).backward();

        double error = 0, frozen = 0;
        for (int l = 0; l < model.Layers; l++)
        {
            var expected = effective.W[l].grad! * model.W[l].detach() * model.Q[l];   // (out, in)
            var actual = model.P[l].grad!;
            error = Math.Max(error, (actual - expected).abs().max().item<double>());
            frozen = Math.Max(frozen, (actual * (1 - model.Q[l])).abs().max().item<double>());
        }
        return (error, frozen);
    }

    public const double GradientTolerance = 1e-10;
    public const int Samples = 64;
    public const double FrozenFraction = 0.5;
    public static readonly int[] DefaultWidths = [10, 8, 6, 3];
}
