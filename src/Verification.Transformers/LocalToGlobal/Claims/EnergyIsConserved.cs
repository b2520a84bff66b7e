// Local to Global (arXiv 2406.03072), §3 (spec local-to-global §3 and §5 row 6): along the gradient flow of L̃ (b kept
// at b*), E = e² − w² − sign(w)·ln|w| is conserved; with b trained jointly dE/dt = 2e²·∂L/∂b ≠ 0 (pitfall 1).
using Verification.Core.Claims;

namespace Verification.Transformers.LocalToGlobal.Claims;

/// <summary>
/// Integrating the b*-flow with Dormand–Prince (rtol 1e-11) to t = 50 from starts in both regimes, |E(t) − E(0)| stays
/// below 1e-6 at every accepted step. Negative control: the flow of the full (e, w, b) with b trained jointly from b = 0.
/// </summary>
public sealed class EnergyIsConserved : Claim<EnergyIsConserved.Settings>
{
    /// <param name="Integrator">Dormand–Prince to t = 50 at tight tolerances, not stopping at convergence (E is watched all the way)</param>
    /// <param name="EnergyTolerance">max |E(t) − E(0)| over every accepted step</param>
    public sealed record Settings(IntegratorOptions Integrator, (double P, double Q)[] Chains, (double E, double W)[] Starts,
        double EnergyTolerance = 1e-6) : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) => new(new(RelativeTolerance: 1e-11, AbsoluteTolerance: 1e-13, EndTime: 50, StopOnConvergence: false),
            [(0.2, 0.3), (0.5, 0.8)], [(1.0, 0.5), (0.5, -1.2), (2.0, -0.5), (-1.5, 1.5), (0.3, -0.3), (1.5, -2.0)]);
    }

    public override string Id => "LG.energy-is-conserved";
    public override PaperRef Paper => PaperRef.LocalToGlobal;
    public override string Section => "§3 gradient flow, conserved energy (spec §3, contour_plot.py)";
    public override string Statement =>
        "Along the gradient flow of the reduced loss (b = b*), E = e² − w² − sign(w)·ln|w| is conserved: |ΔE| < 1e-6 up to t = 50.";
    public override string NegativeControl => "the flow of the full (e, w, b) with b trained jointly from b = 0 instead of held at b*";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var runs = (from c in settings.Chains
                    let model = new CanonicalModel(c.P, c.Q)
                    from x in settings.Starts
                    select construction == Construction.Faithful
                        ? EnergyDrift.Along(new ReducedFlow(model), [x.E, x.W], settings.Integrator)
                        : EnergyDrift.Along(new FullFlow(model), [x.E, x.W, 0], settings.Integrator)).ToList();
        var obs = new Observations();
        // E(t) = E(0) along every trajectory; one that stopped before t = 50 did not watch E over the whole horizon
        foreach (var run in runs)
            using (obs.Case(run.Label)) obs.ExpectAtMost("max-abs-energy-drift", run.MaxAbsDrift, settings.EnergyTolerance);
        obs.AssumeAll("flows-reached-end-time", runs.Select(r => (r.Label, r.Flow.Status == FlowStatus.ReachedEndTime)))
            .Measure("max-abs-energy-drift", runs.Max(r => r.MaxAbsDrift));
        return obs.Conclude($"max |ΔE| = {obs["max-abs-energy-drift"]:E1} ≤ {settings.EnergyTolerance:E0} over {runs.Count} trajectories to t = {settings.Integrator.EndTime}");
    }
}
