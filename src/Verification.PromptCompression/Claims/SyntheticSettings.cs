// arXiv 2407.15504, §5.1 — what the settings records of the PC claims are made of.
using Verification.Core.Claims;
using Verification.PromptCompression.Compressors;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Oracle;

namespace Verification.PromptCompression.Claims;

/// <summary>What every synthetic-set claim's settings record holds: the split its tables and methods are evaluated on.</summary>
public interface ISyntheticSettings
{
    /// <summary>Rows per query and prompt lengths of the split (smoke: 20 rows per query; CI and paper: the paper's validation split).</summary>
    SyntheticSplit Split { get; }
}

/// <summary>The split of the synthetic set at a scale: 20 rows per query at smoke, the paper's validation split otherwise.</summary>
public static class SyntheticScale
{
    public static SyntheticSplit Split(Scale scale) => scale == Scale.Smoke ? SyntheticSplit.Smoke : SyntheticSplit.Validation;

    /// <summary>Training of the token classifiers and the prompt LM (the trained compressors) at a scale.</summary>
    public static TokenClassifierConfig Compressors(Scale scale) =>
        scale switch { Scale.Smoke => TokenClassifierConfig.Smoke, Scale.Ci => TokenClassifierConfig.Ci, _ => TokenClassifierConfig.Paper };

    /// <summary>Training of the answerer (black box (b)) at a scale.</summary>
    public static AnswererConfig Answerer(Scale scale) =>
        scale switch { Scale.Smoke => AnswererConfig.Smoke, Scale.Ci => AnswererConfig.Ci, _ => AnswererConfig.Paper };
}

/// <summary>The <paramref name="Count"/> rates From, From + Step, … at which two curves are compared.</summary>
public sealed record RateGrid(double From, double Step, int Count)
{
    /// <summary>41 rates 0.16, 0.181, …, 1.0.</summary>
    public static RateGrid Default { get; } = new(0.16, 0.021, 41);

    public double[] Rates() => [.. Enumerable.Range(0, Count).Select(k => From + Step * k)];
}
