// Attention with Markov (arXiv 2402.04161), §2: the population loss L(θ), computed exactly by enumeration.
// Spec attention-with-markov.md §2 and §5 (exact expectation over all 2^(N+1) sequences, float64).
using Verification.Core.Markov;
using Verification.Core.Runtime;
using static TorchSharp.torch;

namespace Verification.Transformers.Models;

/// <summary>
/// L(θ) = −(1/N) Σ_{n=1}^{N} E[x_{n+1} log σ(logit_n) + (1 − x_{n+1}) log(1 − σ(logit_n))] for a stationary binary
/// chain, as an exact sum over all 2^(N+1) sequences x_1 … x_{N+1} weighted by their probability (no sampling).
/// Gradient by autograd, full Hessian by double backward, both with respect to the flat θ of
/// <see cref="TheoryTransformer.Flatten"/>.
/// </summary>
public sealed class ExactPopulationLoss
{
    /// <summary>Largest N enumerated: 2^11 = 2048 sequences. Longer sequences need a Monte-Carlo loss.</summary>
    public const int MaxLength = 10;

    /// <param name="device">Where the enumerated sequences and weights live: the model's device (torch's default device when null).</param>
    public ExactPopulationLoss(double p, double q, int length, Device? device = null)
    {
        CheckOpen(p, nameof(p));
        CheckOpen(q, nameof(q));
        if (length < 1 || length > MaxLength)
            throw new ArgumentOutOfRangeException(nameof(length), length,
                $"exact enumeration needs 1 ≤ N ≤ {MaxLength} (2^(N+1) sequences); for longer sequences use a Monte-Carlo loss on sampled batches");
        TorchRuntime.Initialize();
        Chain = new BinaryMarkovChain(p, q);
        Length = length;
        int count = 1 << (length + 1);
        var bits = new long[count * (length + 1)];
        var weights = new double[count];
        var seq = new byte[length + 1];
        for (int s = 0; s < count; s++)
        {
            for (int t = 0; t <= length; t++) seq[t] = (byte)((s >> (length - t)) & 1);
            for (int t = 0; t <= length; t++) bits[s * (length + 1) + t] = seq[t];
            weights[s] = Chain.ProbabilityOf(seq);
        }
        var all = tensor(bits, [count, length + 1], device: device);      // (S, N+1)
        Inputs = all.narrow(1, 0, length).DetachFromDisposeScope();       // (S, N)   x_1 … x_N
        Targets = all.narrow(1, 1, length).to_type(ScalarType.Float64).DetachFromDisposeScope();   // (S, N) x_2 … x_{N+1}
        Weights = tensor(weights, dtype: ScalarType.Float64, device: device).DetachFromDisposeScope();   // (S)
    }

    public BinaryMarkovChain Chain { get; }

    /// <summary>N, the number of predicted positions.</summary>
    public int Length { get; }

    /// <summary>All inputs x_1 … x_N, (S, N) int64, S = 2^(N+1).</summary>
    public Tensor Inputs { get; }

    /// <summary>The targets x_2 … x_{N+1}, (S, N) float64.</summary>
    public Tensor Targets { get; }

    /// <summary>The probability of each sequence, (S), summing to 1.</summary>
    public Tensor Weights { get; }

    /// <summary>The loss of logits (S, N) computed on <see cref="Inputs"/>; a differentiable scalar.</summary>
    public Tensor Of(Tensor logits)
    {
        if (logits.dim() != 2 || logits.shape[0] != Inputs.shape[0] || logits.shape[1] != Length)
            throw new ArgumentException($"logits must be (S, N) = ({Inputs.shape[0]}, {Length}), got [{string.Join(", ", logits.shape)}]", nameof(logits));
        var bce = nn.functional.binary_cross_entropy_with_logits(logits, Targets, reduction: nn.Reduction.None);   // (S, N)
        return (bce.sum(1) * Weights).sum() / Length;
    }

    /// <summary>The differentiable loss of the model at its current parameters.</summary>
    public Tensor Of(TheoryTransformer model)
    {
        CheckModel(model);
        return Of(model.call(Inputs));
    }

    /// <summary>L(θ) as a number.</summary>
    public double Value(TheoryTransformer model)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return Of(model).item<double>();
    }

    /// <summary>L at a flat θ (D), differentiable with respect to θ.</summary>
    public Tensor AtTheta(TheoryTransformerConfig config, Tensor theta) =>
        Of(TheoryTransformer.Logits(Inputs, TheoryTransformer.Views(config, theta)));

    /// <summary>∇L(θ) at the model's parameters, flattened in the order of <see cref="TheoryTransformer.Flatten"/>.</summary>
    public double[] Gradient(TheoryTransformer model)
    {
        CheckModel(model);
        using var scope = NewDisposeScope();
        var theta = model.Flatten().requires_grad_(true);                                   // (D)
        var loss = AtTheta(model.Config, theta);
        var g = autograd.grad([loss], [theta])[0];                                         // (D)
        return g.cpu().data<double>().ToArray();
    }

    /// <summary>The full D×D Hessian ∇²L(θ) by double backward (one backward pass per row), symmetrised.</summary>
    public double[,] Hessian(TheoryTransformer model)
    {
        CheckModel(model);
        using var scope = NewDisposeScope();
        int dim = model.Config.ParameterCount;
        var theta = model.Flatten().requires_grad_(true);                                   // (D)
        var loss = AtTheta(model.Config, theta);
        // retain_graph must be explicit in TorchSharp (create_graph does not imply it; PLATFORM.md).
        var g = autograd.grad([loss], [theta], retain_graph: true, create_graph: true)[0];   // (D)
        var h = new double[dim, dim];
        for (int i = 0; i < dim; i++)
        {
            using var rowScope = NewDisposeScope();
            var row = autograd.grad([g[i]], [theta], retain_graph: true)[0].cpu().data<double>().ToArray();   // (D)
            for (int j = 0; j < dim; j++) h[i, j] = row[j];
        }
        for (int i = 0; i < dim; i++)
            for (int j = i + 1; j < dim; j++)
                h[i, j] = h[j, i] = 0.5 * (h[i, j] + h[j, i]);
        return h;
    }

    /// <summary>Eigenvalues (ascending) and unit eigenvectors (columns) of a symmetric matrix.</summary>
    public static (double[] Values, double[,] Vectors) Eigen(double[,] symmetric)
    {
        int n = symmetric.GetLength(0);
        if (n != symmetric.GetLength(1)) throw new ArgumentException("matrix must be square", nameof(symmetric));
        using var scope = NewDisposeScope();
        var flat = new double[n * n];
        Buffer.BlockCopy(symmetric, 0, flat, 0, flat.Length * sizeof(double));
        var (values, vectors) = linalg.eigh(tensor(flat, [n, n], device: ComputeDevice.Host));   // host linear algebra of a host matrix
        var v = vectors.data<double>().ToArray();
        var result = new double[n, n];
        Buffer.BlockCopy(v, 0, result, 0, v.Length * sizeof(double));
        return (values.data<double>().ToArray(), result);
    }

    private void CheckModel(TheoryTransformer model)
    {
        if (model.Config.Length != Length)
            throw new ArgumentException($"model has N = {model.Config.Length} positions but the loss enumerates N = {Length}", nameof(model));
        if (model["e"].dtype != ScalarType.Float64)
            throw new ArgumentException("exact checks need a float64 model", nameof(model));
    }

    private static void CheckOpen(double value, string name)
    {
        if (!(value > 0 && value < 1))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in the open interval (0, 1)");
    }
}
