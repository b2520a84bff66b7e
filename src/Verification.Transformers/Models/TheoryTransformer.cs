// Attention with Markov (Makkuva, Bondaschi et al., arXiv 2402.04161), §2: the single-layer transformer of the theory.
// Spec attention-with-markov.md §2. Reused by Local to Global (arXiv 2406.03072).
using TorchSharp;
using TorchSharp.Modules;
using Verification.Core.Runtime;
using static TorchSharp.torch;

namespace Verification.Transformers.Models;

/// <summary>
/// Sizes of the theory model. <paramref name="Dim"/> = d, <paramref name="Length"/> = N (positions with a learned
/// p_n), <paramref name="Hidden"/> = r (rows of W_1; the paper's code uses 4d), <paramref name="Tied"/>: a = e.
/// </summary>
public sealed record TheoryTransformerConfig(int Dim, int Length, int Hidden, bool Tied)
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the field and its valid range.</summary>
    public TheoryTransformerConfig Validate()
    {
        if (Dim <= 0) throw new ArgumentOutOfRangeException(nameof(Dim), Dim, "embedding dimension d must be ≥ 1");
        if (Length <= 0) throw new ArgumentOutOfRangeException(nameof(Length), Length, "sequence length N must be ≥ 1");
        if (Hidden <= 0) throw new ArgumentOutOfRangeException(nameof(Hidden), Hidden, "MLP width r must be ≥ 1");
        return this;
    }

    /// <summary>Number of parameters D (tied: D − d of the untied count).</summary>
    public int ParameterCount => Names().Sum(n => (int)Shape(n).Aggregate(1L, (a, b) => a * b));

    /// <summary>Parameter names in the order of <see cref="TheoryTransformer.Flatten"/>.</summary>
    public IReadOnlyList<string> Names() => Tied
        ? ["e", "p", "W_Q", "W_K", "W_V", "W_O", "W_1", "W_2", "b"]
        : ["e", "p", "W_Q", "W_K", "W_V", "W_O", "W_1", "W_2", "a", "b"];

    /// <summary>The shape of a named parameter: e, a (d); p (N, d); W_* (d, d); W_1 (r, d); W_2 (d, r); b () scalar.</summary>
    public long[] Shape(string name) => name switch
    {
        "e" or "a" => [Dim],
        "p" => [Length, Dim],
        "W_Q" or "W_K" or "W_V" or "W_O" => [Dim, Dim],
        "W_1" => [Hidden, Dim],
        "W_2" => [Dim, Hidden],
        "b" => [],
        _ => throw new ArgumentException($"unknown parameter '{name}'; valid: {string.Join(", ", Names())}", nameof(name)),
    };
}

/// <summary>
/// The parameters θ as tensors (module parameters, or views into a flat vector for Hessians). <see cref="A"/> is null
/// when tied; <see cref="Head"/> is then e.
/// </summary>
public sealed record TheoryWeights(Tensor E, Tensor P, Tensor WQ, Tensor WK, Tensor WV, Tensor WO, Tensor W1, Tensor W2,
    Tensor? A, Tensor B)
{
    public Tensor Head => A ?? E;

    public Tensor Get(string name) => name switch
    {
        "e" => E, "p" => P, "W_Q" => WQ, "W_K" => WK, "W_V" => WV, "W_O" => WO, "W_1" => W1, "W_2" => W2,
        "a" => A ?? throw new ArgumentException("a tied model has no separate a (a = e)", nameof(name)),
        "b" => B,
        _ => throw new ArgumentException($"unknown parameter '{name}'", nameof(name)),
    };
}

/// <summary>
/// The theory model of §2, no LayerNorm, bias only in the head:
/// <code>
///   x_n = x_n·e + p_n                                        embedding
///   y_n = x_n + W_O Σ_{i≤n} att_{n,i} W_V x_i                 att = softmax_i(⟨W_Q x_n, W_K x_i⟩/√d), causal
///   z_n = y_n + W_2 ReLU(W_1 y_n)                             feed-forward with residual
///   logit_n = ⟨a, z_n⟩ + b,   P_θ(x_{n+1} = 1 | x_1^n) = σ(logit_n),   tied: a = e
/// </code>
/// Set a parameter with <see cref="Assign(string, double[])"/> (row-major values) or <see cref="Load"/>; compute logits
/// of a (B, n ≤ N) batch of 0/1 sequences with <c>forward</c>; the same maths on any weights (e.g. views of a flat
/// vector θ for a double-backward Hessian) is <see cref="Logits(Tensor, TheoryWeights)"/>.
/// </summary>
public sealed class TheoryTransformer : nn.Module<Tensor, Tensor>
{
    private readonly Dictionary<string, Parameter> byName = new(StringComparer.Ordinal);

    /// <summary>A model with N(0, 0.02) weights (the paper's init) from <paramref name="generator"/>, b = 0.</summary>
    public TheoryTransformer(TheoryTransformerConfig config, Generator? generator = null, ScalarType dtype = ScalarType.Float64,
        Device? device = null)
        : base(Initialized("TheoryTransformer"))
    {
        Config = config.Validate();
        foreach (var name in config.Names())
        {
            var shape = config.Shape(name);
            var init = name == "b" ? zeros(shape, dtype, device: device) : HostRandom.Normal(0, 0.02, shape, dtype, generator, device);
            var parameter = new Parameter(init, requires_grad: true);
            byName[name] = parameter;
            register_parameter(name, parameter);
        }
    }

    public TheoryTransformerConfig Config { get; }

    /// <summary>Where the parameters live; inputs of <see cref="forward"/> must be there too.</summary>
    public Device Device => byName["e"].device;

    // The base constructor already calls into native torch: load it (and patch it where needed) first.
    private static string Initialized(string name)
    {
        TorchRuntime.Initialize();
        return name;
    }

    /// <summary>The module's own parameters as <see cref="TheoryWeights"/>.</summary>
    public TheoryWeights Weights => new(byName["e"], byName["p"], byName["W_Q"], byName["W_K"], byName["W_V"],
        byName["W_O"], byName["W_1"], byName["W_2"], Config.Tied ? null : byName["a"], byName["b"]);

    /// <summary>The parameter called <paramref name="name"/> (e, p, W_Q, W_K, W_V, W_O, W_1, W_2, a, b).</summary>
    public Parameter this[string name] => byName.TryGetValue(name, out var p) ? p
        : throw new ArgumentException($"unknown parameter '{name}'; valid: {string.Join(", ", Config.Names())}", nameof(name));

    /// <summary>Overwrites parameter <paramref name="name"/> with row-major <paramref name="values"/>.</summary>
    public void Assign(string name, double[] values)
    {
        var parameter = this[name];
        if (values.Length != parameter.numel())
            throw new ArgumentException($"{name} needs {parameter.numel()} values (shape [{string.Join(", ", parameter.shape)}]), got {values.Length}", nameof(values));
        using var _ = no_grad();
        parameter.copy_(tensor(values, dtype: ScalarType.Float64, device: parameter.device).reshape(parameter.shape));
    }

    /// <summary>Copies every parameter from <paramref name="weights"/> (tied: a is ignored).</summary>
    public void Load(TheoryWeights weights)
    {
        using var _ = no_grad();
        foreach (var name in Config.Names()) this[name].copy_(weights.Get(name).reshape(this[name].shape));
    }

    /// <summary>θ as one detached flat vector of length D, in the order of <see cref="TheoryTransformerConfig.Names"/>.</summary>
    public Tensor Flatten() => cat(Config.Names().Select(n => this[n].detach().reshape(-1)).ToArray()).clone();

    /// <summary>Loads a flat θ of length D (the order of <see cref="Flatten"/>).</summary>
    public void Unflatten(Tensor theta) => Load(Views(Config, theta));

    /// <summary>Views of a flat θ (D) as weights; differentiable with respect to θ.</summary>
    public static TheoryWeights Views(TheoryTransformerConfig config, Tensor theta)
    {
        if (theta.dim() != 1 || theta.shape[0] != config.ParameterCount)
            throw new ArgumentException($"θ must be a vector of length D = {config.ParameterCount}, got shape [{string.Join(", ", theta.shape)}]", nameof(theta));
        var parts = new Dictionary<string, Tensor>();
        long offset = 0;
        foreach (var name in config.Names())
        {
            var shape = config.Shape(name);
            long count = shape.Aggregate(1L, (a, b) => a * b);
            parts[name] = theta.narrow(0, offset, count).reshape(shape);
            offset += count;
        }
        return new TheoryWeights(parts["e"], parts["p"], parts["W_Q"], parts["W_K"], parts["W_V"], parts["W_O"],
            parts["W_1"], parts["W_2"], config.Tied ? null : parts["a"], parts["b"]);
    }

    /// <summary>Logits of a (B, n) batch of 0/1 sequences, n ≤ N: returns (B, n), logit_n for P(x_{n+1} = 1 | x_1^n).</summary>
    public override Tensor forward(Tensor x) => Logits(x, Weights);

    /// <summary>The §2 forward pass on arbitrary weights. <paramref name="x"/>: (B, n) of 0/1; returns (B, n).</summary>
    public static Tensor Logits(Tensor x, TheoryWeights w)
    {
        if (x.dim() != 2) throw new ArgumentException($"x must be (B, n), got shape [{string.Join(", ", x.shape)}]", nameof(x));
        long n = x.shape[1], d = w.E.shape[0];
        if (n > w.P.shape[0]) throw new ArgumentException($"sequence length {n} exceeds the model's N = {w.P.shape[0]}", nameof(x));
        var h = x.to_type(w.E.dtype).unsqueeze(-1) * w.E + w.P.narrow(0, 0, n);        // (B, n, d)
        var q = h.matmul(w.WQ.t());                                                      // (B, n, d)
        var k = h.matmul(w.WK.t());                                                      // (B, n, d)
        var v = h.matmul(w.WV.t());                                                      // (B, n, d)
        var scores = q.matmul(k.transpose(1, 2)) / Math.Sqrt(d);                         // (B, n, n)
        var future = ones(n, n, dtype: ScalarType.Bool, device: x.device).triu(1);       // (n, n) i > n masked
        var att = scores.masked_fill(future, double.NegativeInfinity).softmax(-1);       // (B, n, n)
        var y = h + att.matmul(v).matmul(w.WO.t());                                      // (B, n, d)
        var z = y + nn.functional.relu(y.matmul(w.W1.t())).matmul(w.W2.t());             // (B, n, d)
        return z.matmul(w.Head) + w.B;                                                   // (B, n)
    }
}
