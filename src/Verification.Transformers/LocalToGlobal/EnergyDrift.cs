// Local to Global (arXiv 2406.03072), §3 (spec local-to-global §3 and §5 row 6): how far the energy
// E = e² − w² − sign(w)·ln|w| drifts along an integrated gradient flow — conserved by the b*-flow, not by the flow
// that trains b jointly (dE/dt = 2e²·∂L/∂b, pitfall 1).
using System.Globalization;

namespace Verification.Transformers.LocalToGlobal;

/// <summary>One integrated trajectory: how the integration ended and the largest |E(t) − E(0)| over its accepted steps.</summary>
public sealed record EnergyDrift(string Label, FlowResult Flow, double MaxAbsDrift)
{
    /// <summary>
    /// Integrates <paramref name="flow"/> from <paramref name="x0"/> (whose first two coordinates are e and w) and
    /// watches E at every accepted step.
    /// </summary>
    public static EnergyDrift Along(CanonicalFlow flow, double[] x0, IntegratorOptions options)
    {
        double e0 = CanonicalModel.Energy(x0[0], x0[1]), drift = 0;
        var result = DormandPrince.Integrate(flow, x0, options,
            (_, x) => drift = Math.Max(drift, Math.Abs(CanonicalModel.Energy(x[0], x[1]) - e0)));
        var label = string.Create(CultureInfo.InvariantCulture, $"p={flow.Model.P},q={flow.Model.Q},e0={x0[0]},w0={x0[1]}");
        return new EnergyDrift(label, result, drift);
    }
}
