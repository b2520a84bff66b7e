// Rare Gems (arXiv 2202.12002), §3 and spec §1, pitfall 6: λ of the regulariser λ·Σp² chosen per target density.
// Freezing only caps the density at s; a λ too strong pushes the gem r(p)⊙q below it (at paper scale λ = 1e-4 gave
// ≈ 1% at the 5%, 2% and 1.4% targets), so a comparison "at s" would not be at s. The paper tunes λ per sparsity.
namespace Verification.LotteryTickets.RareGems;

/// <summary>One calibration mining run: its λ, the density of its gem r(p)⊙q and the gem's validation accuracy at init.</summary>
public sealed record LambdaTrial(double Lambda, double GemDensity, double ValidationAccuracy);

/// <summary>The λ chosen for <paramref name="Density"/> and the calibration runs tried on the way, largest λ first.</summary>
public sealed record LambdaChoice(double Density, double Lambda, IReadOnlyList<LambdaTrial> Trials)
{
    /// <summary>The calibration run of the chosen λ.</summary>
    public LambdaTrial Chosen => Trials[^1];
}

public static class LambdaSelection
{
    /// <summary>
    /// The rule, fixed before any test-split number was seen: try the grid largest λ first and take the first (so the
    /// largest) whose calibration gem keeps at least (1 − <paramref name="band"/>)·s — the strongest regulariser that
    /// still lets freezing, not λ, set the density; if none does, the last λ tried (the smallest). The calibration run
    /// (<paramref name="trial"/>) uses training digits for mining and the validation split for its reported accuracy;
    /// the accuracy does not enter the rule (1,000 validation digits cannot separate λs within a point).
    /// </summary>
    /// <exception cref="ArgumentException">an empty grid, or one not strictly decreasing</exception>
    public static LambdaChoice Choose(double density, IReadOnlyList<double> grid, double band, Func<double, LambdaTrial> trial)
    {
        if (grid.Count == 0) throw new ArgumentException("the λ grid is empty", nameof(grid));
        for (int k = 1; k < grid.Count; k++)
            if (!(grid[k] < grid[k - 1])) throw new ArgumentException($"the λ grid must be strictly decreasing ({grid[k - 1]} then {grid[k]})", nameof(grid));
        if (!(band >= 0 && band < 1)) throw new ArgumentOutOfRangeException(nameof(band), band, "the band must be in [0, 1)");
        var trials = new List<LambdaTrial>();
        foreach (double lambda in grid)
        {
            trials.Add(trial(lambda));
            if (Keeps(trials[^1].GemDensity, density, band)) break;
        }
        return new LambdaChoice(density, trials[^1].Lambda, trials);
    }

    /// <summary>Whether a gem of density <paramref name="achieved"/> keeps at least (1 − band) of the target.</summary>
    public static bool Keeps(double achieved, double target, double band) => achieved >= (1 - band) * target;
}
