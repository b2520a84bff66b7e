// Attention with Markov (arXiv 2402.04161) §4 and Local to Global (arXiv 2406.03072) §4: what the shared training loop
// needs from a model trained on a binary Markov source.
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Verification.Transformers.Models;

/// <summary>
/// A next-symbol model of binary sequences trained by <c>MarkovTrainer</c> (through the one <c>TrainingLoop</c>):
/// two-class logits per position, and its parameters split into the groups the paper's optimiser decays and does not.
/// </summary>
public interface IMarkovModel : IDisposable
{
    /// <summary>Where the parameters live; inputs must be there too.</summary>
    Device Device { get; }

    /// <summary>Parameters decayed by AdamW.</summary>
    IEnumerable<Parameter> DecayedParameters { get; }

    /// <summary>Parameters not decayed.</summary>
    IEnumerable<Parameter> UndecayedParameters { get; }

    /// <summary>(B, T) int64 symbols → (B, T, 2) logits for x_{t+1}.</summary>
    Tensor Logits(Tensor idx);
}
