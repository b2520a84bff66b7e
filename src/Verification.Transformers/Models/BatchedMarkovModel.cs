// Attention with Markov (arXiv 2402.04161) §4 and Local to Global (arXiv 2406.03072) §4: K independent copies of a
// model trained on a binary Markov source as one program — every parameter stacked along a leading model axis (issue #26).
using TorchSharp.Modules;
using Verification.Core.Runtime;
using static TorchSharp.torch;

namespace Verification.Transformers.Models;

/// <summary>
/// K <see cref="IMarkovModel"/>s of one configuration trained as one: each parameter of the single model becomes a
/// (K, …) parameter whose slice k is model k's, built from K models made as usual (so model k starts from exactly the
/// weights its own seed draws). A subclass writes the single model's forward pass with the model axis folded into the
/// batch where an op is per-row and a batched matrix product where the single model multiplies by a weight: no op mixes
/// two models, so model k's loss, gradient and (with the elementwise AdamW) update depend on model k's data and weights
/// only — not on K, nor on which models share the batch.
/// </summary>
public abstract class BatchedMarkovModel : nn.Module<Tensor, Tensor>
{
    private readonly Dictionary<string, Parameter> stacked = new(StringComparer.Ordinal);
    private readonly List<Parameter> decayed = [];
    private readonly List<Parameter> undecayed = [];

    /// <param name="models">K ≥ 1 models of one configuration, on one device, each an <see cref="nn.Module"/>; their weights are copied.</param>
    protected BatchedMarkovModel(string name, IReadOnlyList<IMarkovModel> models) : base(Initialized(name))
    {
        if (models.Count == 0) throw new ArgumentException("at least one model is needed", nameof(models));
        Count = models.Count;
        var first = models[0];
        var decayedHandles = first.DecayedParameters.Select(p => p.Handle).ToHashSet();
        var byModel = models.Select(ByName).ToArray();
        using (no_grad())
        {
            foreach (var (parameterName, parameter) in ((nn.Module)first).named_parameters())
            {
                var slices = byModel.Select(m => m[parameterName].detach()).ToArray();
                var p = new Parameter(stack(slices, 0).contiguous());
                stacked[parameterName] = p;
                register_parameter(parameterName.Replace('.', '_'), p);
                (decayedHandles.Contains(parameter.Handle) ? decayed : undecayed).Add(p);
            }
        }
    }

    /// <summary>
    /// <paramref name="models"/> as the base constructor takes them, once they are known to be at least one and to share
    /// one configuration (a batch of two configurations would stack parameters of different meanings).
    /// </summary>
    protected static IReadOnlyList<IMarkovModel> OfOneConfiguration<TModel, TConfig>(IReadOnlyList<TModel> models, Func<TModel, TConfig> config)
        where TModel : class, IMarkovModel
    {
        if (models.Count == 0) throw new ArgumentException("at least one model is needed", nameof(models));
        var first = config(models[0]);
        if (models.Any(m => !EqualityComparer<TConfig>.Default.Equals(config(m), first)))
            throw new ArgumentException("every model of a batch must share one configuration", nameof(models));
        return models;
    }

    /// <summary>
    /// The batched program of <paramref name="models"/> (all of one type and configuration): a
    /// <see cref="BatchedCodeTransformer"/> or a <see cref="BatchedSimpleTransformer"/>.
    /// </summary>
    public static BatchedMarkovModel Of(IReadOnlyList<IMarkovModel> models) => models.FirstOrDefault() switch
    {
        CodeTransformer => new BatchedCodeTransformer(models.Select(m => m as CodeTransformer
            ?? throw new ArgumentException("every model of a batch must be of one type", nameof(models))).ToArray()),
        SimpleTransformer => new BatchedSimpleTransformer(models.Select(m => m as SimpleTransformer
            ?? throw new ArgumentException("every model of a batch must be of one type", nameof(models))).ToArray()),
        null => throw new ArgumentException("at least one model is needed", nameof(models)),
        var other => throw new ArgumentException($"{other.GetType().Name} has no batched program", nameof(models)),
    };

    /// <summary>K, the number of models.</summary>
    public int Count { get; }

    public Device Device => stacked.Values.First().device;

    /// <summary>The stacked parameters the single model's AdamW decays.</summary>
    public IEnumerable<Parameter> DecayedParameters => decayed;

    /// <summary>The stacked parameters it does not decay.</summary>
    public IEnumerable<Parameter> UndecayedParameters => undecayed;

    private static string Initialized(string name)
    {
        TorchRuntime.Initialize();
        return name;
    }

    private static Dictionary<string, Parameter> ByName(IMarkovModel model) =>
        ((nn.Module)model).named_parameters().ToDictionary(np => np.name, np => np.parameter, StringComparer.Ordinal);

    /// <summary>Writes model k's slice of every parameter into <paramref name="model"/> (one of the same type and configuration).</summary>
    public void CopyInto(int k, IMarkovModel model)
    {
        using var _ = no_grad();
        var target = ByName(model);
        foreach (var (name, p) in stacked) target[name].copy_(p[k]);
    }

    /// <summary>(K, B, T) int64 symbols, model k's batch at k → (K, B, T, 2) logits.</summary>
    public override Tensor forward(Tensor idx)
    {
        if (idx.shape[0] != Count) throw new ArgumentException($"the batch holds {idx.shape[0]} models' data, the program {Count} models", nameof(idx));
        return Forward(idx, name => stacked[name]);
    }

    /// <summary>
    /// The models <paramref name="live"/> only (indices into the K, ascending): (|live|, B, T) symbols, row j for model
    /// live[j] → (|live|, B, T, 2) logits. The other models cost nothing and get a zero gradient. Their parameters
    /// are read through index_select, whose backward scatters each row's gradient into zeros, exactly: a live
    /// model's loss, gradient and update are bit for bit those of the full batch.
    /// </summary>
    public Tensor Forward(Tensor idx, long[] live)
    {
        if (live.Length == Count) return forward(idx);
        if (idx.shape[0] != live.Length) throw new ArgumentException($"the batch holds {idx.shape[0]} models' data, {live.Length} models are live", nameof(idx));
        using var rows = tensor(live, device: Device);
        return Forward(idx, name => stacked[name].index_select(0, rows));
    }

    /// <summary>The forward pass on (K', B, T) symbols with each model's stacked parameter (K', …) by its single-model name.</summary>
    protected abstract Tensor Forward(Tensor idx, Func<string, Tensor> parameter);

    /// <summary>x·Wₖᵀ per model, as a bias-free Linear of the single model: (K, B, T, in) × (K, out, in) → (K, B, T, out).</summary>
    protected static Tensor Linear(Tensor x, Tensor weight)
    {
        long k = x.shape[0], b = x.shape[1], t = x.shape[2];
        return x.reshape(k, b * t, x.shape[3]).bmm(weight.transpose(1, 2)).reshape(k, b, t, weight.shape[1]);
    }
}
