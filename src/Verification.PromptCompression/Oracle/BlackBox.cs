// arXiv 2407.15504, §3 (black-box model φ(m, q) and distortions); spec §1, §4 (CPU substitute (a)).
using Verification.PromptCompression.Data;

namespace Verification.PromptCompression.Oracle;

/// <summary>The distortion d(y, φ(m, q)): log loss in nats, or 0/1 loss of the most likely answer.</summary>
public enum Loss { Log, ZeroOne }

/// <summary>A fixed black-box model φ(m, q): a distribution over answer codes given a compressed prompt and a query.</summary>
public interface IBlackBox
{
    string Name { get; }

    /// <summary>φ(y | m, q) for the compressed prompt with key <paramref name="m"/> (see <see cref="BitString"/>).</summary>
    double Probability(int m, BinaryQuery q, int y);

    /// <summary>argmax_a φ(a | m, q).</summary>
    int MostLikely(int m, BinaryQuery q);
}

public static class Distortion
{
    public static double Of(IBlackBox phi, Loss loss, int m, BinaryQuery q, int y) => loss switch
    {
        Loss.Log => -Math.Log(phi.Probability(m, q, y)),
        Loss.ZeroOne => phi.MostLikely(m, q) == y ? 0 : 1,
        _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "unknown loss"),
    };

    public static bool TryParse(string text, out Loss loss)
    {
        switch (text)
        {
            case "log": loss = Loss.Log; return true;
            case "zero-one": loss = Loss.ZeroOne; return true;
            default: loss = Loss.Log; return false;
        }
    }

    public static string ToCli(this Loss loss) => loss == Loss.Log ? "log" : "zero-one";
}

/// <summary>
/// The exact oracle: φ puts mass 1 − ε on f_q(m) (the answer computed from the compressed string; for the next bit,
/// the last bit of m) and spreads ε uniformly over the query's answer alphabet. Within one query the log loss is then
/// an affine function of the 0/1 loss.
/// </summary>
public sealed class OracleBlackBox : IBlackBox
{
    /// <summary>A confident but never certain model: ε = 0.01 keeps the log loss of a wrong answer finite (≈ 7 nats).</summary>
    public const double DefaultEpsilon = 0.01;

    public OracleBlackBox(int maxAnswer, double epsilon = DefaultEpsilon)
    {
        if (double.IsNaN(epsilon) || epsilon <= 0 || epsilon >= 1)
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be in (0, 1)");
        ArgumentOutOfRangeException.ThrowIfNegative(maxAnswer);
        MaxAnswer = maxAnswer;
        Epsilon = epsilon;
    }

    /// <summary>An oracle whose count alphabet {0, …, n} covers every prompt length and answer of <paramref name="rows"/>.</summary>
    public static OracleBlackBox For(IReadOnlyList<PromptRow> rows, double epsilon = DefaultEpsilon) =>
        new(rows.Max(r => Math.Max(r.Length, r.Query.IsBinaryAnswer() ? 1 : r.Answer)), epsilon);

    public string Name => $"oracle(eps={Epsilon})";

    public double Epsilon { get; }

    /// <summary>The largest count answer; count alphabets are {0, …, MaxAnswer}.</summary>
    public int MaxAnswer { get; }

    public int AlphabetSize(BinaryQuery q) => q.IsBinaryAnswer() ? 2 : MaxAnswer + 1;

    public int MostLikely(int m, BinaryQuery q) => q.Answer(m);

    public double Probability(int m, BinaryQuery q, int y)
    {
        int size = AlphabetSize(q);
        if (y < 0 || y >= size) return 0;
        double spread = Epsilon / size;
        return q.Answer(m) == y ? 1 - Epsilon + spread : spread;
    }
}
