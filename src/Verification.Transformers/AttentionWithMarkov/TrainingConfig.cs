// Attention with Markov (arXiv 2402.04161), §4 experiments: the authors' training recipe (Bond1995/Markov,
// Markov-LLM/src/config/markov.py; spec §4).
namespace Verification.Transformers.AttentionWithMarkov;

/// <summary>
/// Training hyperparameters. Defaults are the paper's (d=8, 1 layer, T=1024, B=16, 400 iterations, AdamW lr 2e-3,
/// β=(0.9, 0.95), weight decay 1e-3, OneCycle cosine with 2% warm-up from 2e-5, annealed to 4e-4).
/// </summary>
public sealed record TrainingConfig(
    int Dim = 8,
    int Layers = 1,
    int Length = 1024,
    int Batch = 16,
    int Iterations = 400,
    double MaxLr = 2e-3,
    double WarmupFraction = 0.02,
    double DivFactor = 100,        // initial lr = 2e-3/100 = 2e-5
    double FinalDivFactor = 0.05,  // final lr = 2e-5/0.05 = 4e-4, not 0 (spec §6, "LR floor")
    double Beta1 = 0.9,
    double Beta2 = 0.95,
    double WeightDecay = 1e-3,
    int EvalEvery = 10,            // the paper evaluates every step on 24 batches; every 10 steps on 2 keeps CPU cost low
    int EvalBatches = 2,
    int FinalEvalBatches = 8,      // 32k tokens at T=256: MC standard error of the final loss ≈ 0.002 nats
    int CheckpointStep = 100)      // a full (FinalEvalBatches) evaluation here too: where a run sits after 100 steps
{
    public static readonly TrainingConfig Paper = new();
    public static readonly TrainingConfig Ci = new(Length: 256);   // spec §5 item 4: T=256 is fine for CI

    public TrainingConfig Validate()
    {
        if (Dim <= 0) throw new ArgumentOutOfRangeException(nameof(Dim), Dim, "d must be ≥ 1");
        if (Layers <= 0) throw new ArgumentOutOfRangeException(nameof(Layers), Layers, "L must be ≥ 1");
        if (Length <= 0) throw new ArgumentOutOfRangeException(nameof(Length), Length, "T must be ≥ 1");
        if (Batch <= 0) throw new ArgumentOutOfRangeException(nameof(Batch), Batch, "B must be ≥ 1");
        if (Iterations < 2) throw new ArgumentOutOfRangeException(nameof(Iterations), Iterations, "iterations must be ≥ 2");
        if (CheckpointStep < 1 || CheckpointStep > Iterations)
            throw new ArgumentOutOfRangeException(nameof(CheckpointStep), CheckpointStep, $"checkpoint must lie in [1, Iterations = {Iterations}]");
        if (EvalEvery <= 0 || EvalBatches <= 0 || FinalEvalBatches <= 0)
            throw new ArgumentOutOfRangeException(nameof(EvalEvery), "EvalEvery, EvalBatches and FinalEvalBatches must be ≥ 1");
        return this;
    }

    /// <summary>PyTorch OneCycleLR (cos, cycle_momentum off) at <paramref name="step"/> ∈ [0, Iterations).</summary>
    public double LearningRate(int step)
    {
        double initial = MaxLr / DivFactor, final = initial / FinalDivFactor;
        double warmEnd = WarmupFraction * Iterations - 1, end = Iterations - 1;
        static double Cos(double from, double to, double pct) => to + (from - to) / 2 * (Math.Cos(Math.PI * pct) + 1);
        return step <= warmEnd
            ? Cos(initial, MaxLr, warmEnd <= 0 ? 1 : step / warmEnd)
            : Cos(MaxLr, final, (step - warmEnd) / (end - warmEnd));
    }
}
