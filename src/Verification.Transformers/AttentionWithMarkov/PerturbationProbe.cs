// Attention with Markov (arXiv 2402.04161), §3, theorem (bad local minimum, tied, p+q > 1): a local minimum that
// the Hessian alone cannot show (many exact flat directions), probed by random perturbations (spec §5 item 3).
using Verification.Core.Runtime;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Transformers.AttentionWithMarkov;

/// <summary>L(θ + δ) − L(θ) for random δ with ‖δ‖ = norm, in draw order; and how many lowered L by more than the round-off.</summary>
public sealed record PerturbationProbe(double[] Changes, int Lowered)
{
    public double Lowest => Changes.Length == 0 ? double.PositiveInfinity : Changes.Min();

    /// <summary>
    /// Evaluates L(θ + δ) for <paramref name="count"/> random δ ~ N(0, I) scaled to ‖δ‖ = <paramref name="norm"/>, drawn
    /// from <paramref name="seed"/>, around the model's θ whose loss is <paramref name="at"/>; a perturbation lowers L
    /// when the change is below −<paramref name="descentTolerance"/>.
    /// </summary>
    public static PerturbationProbe Around(TheoryTransformer model, ExactPopulationLoss loss, double at, int count, double norm,
        double descentTolerance, long seed)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var gen = new Generator((ulong)seed);
        var theta = model.Flatten();                                               // (D)
        var changes = new double[count];
        for (int i = 0; i < count; i++)
        {
            using var inner = NewDisposeScope();
            var delta = HostRandom.Normal(0, 1, theta.shape, ScalarType.Float64, gen, theta.device);    // (D)
            delta = delta * (norm / delta.norm().item<double>());
            changes[i] = loss.AtTheta(model.Config, theta + delta).item<double>() - at;
        }
        return new PerturbationProbe(changes, changes.Count(c => c < -descentTolerance));
    }
}
