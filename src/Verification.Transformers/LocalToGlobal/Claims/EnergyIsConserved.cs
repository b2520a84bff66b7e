// Local to Global (arXiv 2406.03072), §3 (spec local-to-global §3 and §5 row 6): along the gradient flow of L̃ (b kept
// at b*), E = e² − w² − sign(w)·ln|w| is conserved; with b trained jointly dE/dt = 2e²·∂L/∂b ≠ 0 (pitfall 1).
using Verification.Core.Claims;
using Verification.Core.Numerics;

namespace Verification.Transformers.LocalToGlobal.Claims;

/// <summary>
/// Integrating the b*-flow with Dormand–Prince (rtol 1e-11) to t = 50 from starts in both regimes, |E(t) − E(0)| stays
/// below 1e-6 at every accepted step. Negative control: the flow of the full (e, w, b) with b trained jointly from b = 0.
/// </summary>
public sealed class EnergyIsConserved : Claim<EnergyIsConserved.Settings>
{
    /// <param name="Integrator">Dormand–Prince to t = EndTime at tight tolerances, not stopping at convergence (E is watched all the way)</param>
    /// <param name="EnergyTolerance">max |E(t) − E(0)| over every accepted step</param>
    public sealed record Settings(IntegratorOptions Integrator, (double P, double Q)[] Chains, (double E, double W)[] Starts,
        double EnergyTolerance = EnergyIsConserved.EnergyTolerance) : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) => new(Options, EnergyIsConserved.Chains, EnergyIsConserved.Starts);
    }

    public const double EnergyTolerance = 1e-6;
    public const double Horizon = 50;

    public static readonly (double P, double Q)[] Chains = [(0.2, 0.3), (0.5, 0.8)];
    public static readonly (double E, double W)[] Starts = [(1.0, 0.5), (0.5, -1.2), (2.0, -0.5), (-1.5, 1.5), (0.3, -0.3), (1.5, -2.0)];

    public static readonly IntegratorOptions Options = new(RelativeTolerance: 1e-11, AbsoluteTolerance: 1e-13,
        EndTime: Horizon, StopOnConvergence: false);

    public override string Id => "LG.energy-is-conserved";
    public override PaperRef Paper => PaperRef.LocalToGlobal;
    public override string Section => "§3 gradient flow, conserved energy (spec §3, contour_plot.py)";
    public override string Statement =>
        "Along the gradient flow of the reduced loss (b = b*), E = e² − w² − sign(w)·ln|w| is conserved: |ΔE| < 1e-6 up to t = 50.";
    public override string NegativeControl => "the flow of the full (e, w, b) with b trained jointly from b = 0 instead of held at b*";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var options = settings.Integrator;
        var obs = new Observations();
        double worst = 0;
        int runs = 0;
        foreach (var (p, q) in settings.Chains)
        {
            var model = new CanonicalModel(p, q);
            foreach (var (e, w) in settings.Starts)
            {
                double e0 = CanonicalModel.Energy(e, w), drift = 0;
                FlowResult result;
                if (construction == Construction.Faithful)
                    result = DormandPrince.Integrate(new ReducedFlow(model), [e, w], options,
                        (_, x) => drift = Math.Max(drift, Math.Abs(CanonicalModel.Energy(x[0], x[1]) - e0)));
                else
                    result = DormandPrince.Integrate(new FullFlow(model), [e, w, 0], options,
                        (_, x) => drift = Math.Max(drift, Math.Abs(CanonicalModel.Energy(x[0], x[1]) - e0)));
                if (result.Status != FlowStatus.ReachedEndTime)
                    throw new ClaimInconclusiveException($"(p,q)=({p},{q}) start ({e},{w}): {result.Describe()}");
                // E(t) = E(0) along the flow
                obs.ExpectAtMost($"p={p},q={q},e0={e},w0={w}.max-abs-energy-drift", drift, settings.EnergyTolerance);
                worst = Math.Max(worst, drift);
                runs++;
            }
            context.Report(runs / (double)(settings.Chains.Length * settings.Starts.Length));
        }
        obs.Measure("max-abs-energy-drift", worst);
        return obs.Conclude($"max |ΔE| = {worst:E1} ≤ {settings.EnergyTolerance:E0} over {runs} trajectories to t = {options.EndTime}");
    }
}
