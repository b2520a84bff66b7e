// Local to Global (arXiv 2406.03072), §3 (spec local-to-global §3, from contour_plot.py): the critical sets of L̃,
// the separatrix through the saddle (0, −1/√2) and the basin predicate given by the conserved energy.

namespace Verification.Transformers.LocalToGlobal;

/// <summary>Which set a start flows to under the b*-flow: the global minima Γ* (bigram) or the unigram line e = 0.</summary>
public enum Basin { Global, Unigram }

/// <summary>Where an integrated flow ended, read from its final loss.</summary>
public enum FlowEnd { Global, Unigram, Neither }

/// <summary>The critical sets of L̃ and the closed-form basin predicate.</summary>
public static class Basins
{
    /// <summary>
    /// The e &gt; 0 point of Γ* = {e²(1 + 2w|w|) = c*} at this w, or NaN where Γ* has no point (1 + 2w|w| of the
    /// wrong sign: Γ* lies on w &gt; −1/√2 when p + q &lt; 1 and on w &lt; −1/√2 when p + q &gt; 1).
    /// </summary>
    public static double GlobalMinimumE(CanonicalModel model, double w)
    {
        double m = 1 + 2 * model.GapSign * w * Math.Abs(w);
        double e2 = model.CStar / m;
        return e2 > 0 && double.IsFinite(e2) ? Math.Sqrt(e2) : double.NaN;
    }

    /// <summary>The separatrix E = E_s (w &lt; 0): e = √(w² − ln|w| − (1 + ln 2)/2), zero at the saddle.</summary>
    public static double SeparatrixE(double w)
    {
        if (!(w < 0)) throw new ArgumentOutOfRangeException(nameof(w), w, "the separatrix lies in w < 0");
        return Math.Sqrt(Math.Max(0, w * w - Math.Log(-w) + CanonicalModel.SaddleEnergy));
    }

    /// <summary>"Inside" the separatrix: w &lt; 0 and E(e, w) &lt; E_s, i.e. e² &lt; w² − ln|w| − (1 + ln 2)/2.</summary>
    public static bool IsInside(double e, double w) => w < 0 && CanonicalModel.Energy(e, w) < CanonicalModel.SaddleEnergy;

    /// <summary>|E − E_s| &lt; margin: too close to the separatrix for a finite-precision flow to be decisive.</summary>
    public static bool NearSeparatrix(double e, double w, double margin) =>
        w != 0 && Math.Abs(CanonicalModel.Energy(e, w) - CanonicalModel.SaddleEnergy) < margin;

    /// <summary>
    /// The basin theorem as a predicate, which depends on the chain only through sign(p + q − 1):
    /// p + q &lt; 1: unigram iff w &lt; −1/√2 and inside; p + q &gt; 1: unigram iff w ≥ 0 or (−1/√2 &lt; w &lt; 0 and inside).
    /// Points of the invariant line e = 0 are critical and stay there (unigram).
    /// </summary>
    public static Basin Predict(double switchingFactor, double e, double w)
    {
        if (!double.IsFinite(e) || !double.IsFinite(w))
            throw new ArgumentOutOfRangeException(nameof(e), (e, w), "the start (e, w) must be finite");
        if (!double.IsFinite(switchingFactor) || switchingFactor <= 0 || switchingFactor >= 2
            || Math.Abs(switchingFactor - 1) < CanonicalModel.DegenerateMargin)
            throw new ArgumentOutOfRangeException(nameof(switchingFactor), switchingFactor,
                "the switching factor p + q must lie in (0, 2) and differ from 1 (p + q = 1 is the degenerate i.i.d. chain)");
        if (e == 0) return Basin.Unigram;
        if (switchingFactor < 1)
            return w < CanonicalModel.SaddleW && IsInside(e, w) ? Basin.Unigram : Basin.Global;
        if (w >= 0) return Basin.Unigram;
        return w > CanonicalModel.SaddleW && IsInside(e, w) ? Basin.Unigram : Basin.Global;
    }

    /// <summary>
    /// Labels a final loss: Γ* if within 1% of the gap H(π) − H* above H*, the unigram line if within 1% of H(π).
    /// </summary>
    public static FlowEnd Label(CanonicalModel model, double loss)
    {
        double gap = model.UnigramEntropy - model.EntropyRate;
        double r = (loss - model.EntropyRate) / gap;
        return r < 0.01 ? FlowEnd.Global : Math.Abs(r - 1) < 0.01 ? FlowEnd.Unigram : FlowEnd.Neither;
    }

    /// <summary>
    /// Integrates <paramref name="flow"/> from <paramref name="x0"/> and labels where it converged;
    /// <see cref="FlowClassification.End"/> is null when the run did not converge (never a basin).
    /// </summary>
    public static FlowClassification TryClassify(CanonicalFlow flow, ReadOnlySpan<double> x0, IntegratorOptions? options = null)
    {
        var result = DormandPrince.Integrate(flow, x0, options);
        if (!result.Converged) return new FlowClassification(null, result, double.NaN);
        double loss = flow.Loss(result.State);
        return new FlowClassification(Label(flow.Model, loss), result, loss);
    }

    /// <summary>As <see cref="TryClassify"/>, but throws <see cref="FlowNotConvergedException"/> for a run that did not converge.</summary>
    public static FlowEnd Classify(CanonicalFlow flow, ReadOnlySpan<double> x0, IntegratorOptions? options = null)
    {
        var c = TryClassify(flow, x0, options);
        return c.End ?? throw new FlowNotConvergedException(c.Flow);
    }

    /// <summary>The flow end a basin predicts.</summary>
    public static FlowEnd ToEnd(this Basin basin) => basin == Basin.Global ? FlowEnd.Global : FlowEnd.Unigram;
}

/// <summary>Where one start flowed: the label (null if not converged), the integration and the final loss.</summary>
public sealed record FlowClassification(FlowEnd? End, FlowResult Flow, double FinalLoss);
