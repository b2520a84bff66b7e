// arXiv 2402.04161, §2 (entropy rate of the binary source); spec attention-with-markov §1.
using Verification.Core.Claims;
using Verification.Core.Information;
using Verification.Core.Numerics;

namespace Verification.Core.Markov.Claims;

/// <summary>
/// The plug-in (transition-count) entropy-rate estimate of a long simulated stationary chain approaches the
/// closed-form entropy rate. Tolerance, fixed in advance: 6 standard errors of the per-step log-loss, inflated by
/// the chain's autocorrelation factor (1+ρ)/(1−ρ) with ρ = |1−p−q|, plus 2/n for the estimator's bias.
/// Chains are chosen with H(π) − entropy rate ≥ 0.04 so that the negative control (a sampler that ignores the
/// transitions and draws i.i.d. from π) is refuted at every scale.
/// </summary>
public sealed class PlugInEntropyRateConverges : Claim<PlugInEntropyRateConverges.Settings>
{
    public static readonly (double P, double Q)[] Chains = [(0.5, 0.8), (0.2, 0.3), (0.7, 0.9)];

    /// <param name="Length">steps of each simulated chain</param>
    /// <param name="Sigmas">standard errors allowed (fixed in advance)</param>
    public sealed record Settings(int Length, (double P, double Q)[] Chains, int Sigmas = 6) : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) =>
            new(scale switch { Scale.Smoke => 100_000, Scale.Ci => 1_000_000, _ => 10_000_000 }, PlugInEntropyRateConverges.Chains);
    }

    public override string Id => "MC.plug-in-entropy-rate-converges";
    public override PaperRef Paper => PaperRef.MarkovMachinery;
    public override string Section => "AM §1 (entropy rate)";
    public override string Statement =>
        "The plug-in entropy-rate estimate of a long simulated stationary chain matches [q·h(p) + p·h(q)]/(p+q).";
    public override string NegativeControl => "a sampler that ignores the transitions (i.i.d. draws from π)";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        int n = settings.Length;
        var obs = new Observations();
        for (int k = 0; k < settings.Chains.Length; k++)
        {
            var chain = new BinaryMarkovChain(settings.Chains[k].P, settings.Chains[k].Q);
            var rng = context.Rng($"chain-{chain.P}-{chain.Q}");
            var sampler = construction == Construction.Faithful ? chain : new BinaryMarkovChain(chain.Pi1, chain.Pi0);   // control: i.i.d., P(1|·) = π1
            // plug-in estimate = entropy rate, within the standard errors fixed in advance
            using (obs.Case($"p={chain.P},q={chain.Q}"))
                obs.Expect("plug-in", Entropy.PlugInConditional(sampler.Sample(n, rng)), chain.EntropyRate, Tolerance.Absolute(ToleranceFor(chain, n, settings.Sigmas)));
            context.Report((k + 1) / (double)settings.Chains.Length);
        }
        return obs.Conclude(
            $"plug-in estimates within {settings.Sigmas} standard errors of the entropy rate for all {settings.Chains.Length} chains (n = {n:N0})");
    }

    public static int Length(Scale scale) => Settings.For(scale).Length;

    /// <summary>Stationary variance of the per-step log-loss −ln P(x_{t+1} | x_t).</summary>
    public static double LogLossVariance(BinaryMarkovChain c)
    {
        double m1 = 0, m2 = 0;
        for (int x = 0; x < 2; x++)
        {
            double px = x == 0 ? c.Pi0 : c.Pi1;
            for (int y = 0; y < 2; y++)
            {
                double k = c.Kernel(x, y);
                if (k == 0) continue;
                double l = -Math.Log(k);
                m1 += px * k * l;
                m2 += px * k * l * l;
            }
        }
        return Math.Max(0, m2 - m1 * m1);
    }

    public static double ToleranceFor(BinaryMarkovChain c, int n, int sigmas = 6)
    {
        double rho = Math.Abs(1 - c.P - c.Q);
        return sigmas * Math.Sqrt(LogLossVariance(c) * (1 + rho) / (1 - rho) / n) + 2.0 / n;
    }
}
