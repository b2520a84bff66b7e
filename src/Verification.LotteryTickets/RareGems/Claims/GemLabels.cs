// Rare Gems (arXiv 2202.12002), §4 at small scale (spec §5): how the MNIST gem claims name densities and methods in
// measurement keys, figure labels and verdict reasons.
namespace Verification.LotteryTickets.RareGems.Claims;

public static class GemLabels
{
    /// <summary>A density in percent for labels, without a binary-fraction tail: 0.02 → "2", 0.014 → "1.4".</summary>
    public static string Percent(double density) => Math.Round(100 * density, 6).ToString();

    /// <summary>A density for verdict reasons: whole percentages as "P0" ("2%"), others with one decimal ("1.4%").</summary>
    public static string PercentText(double density) =>
        density.ToString(Math.Abs(100 * density - Math.Round(100 * density)) < 1e-9 ? "P0" : "P1");

    /// <summary>λ for measurement keys, lowercase and dot-free: 3e-05 → "3e-5", 0 → "0e0".</summary>
    public static string Lambda(double lambda) => lambda.ToString("0.#e0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A method's name as a kebab-case measurement key ("uniform random" → "uniform-random").</summary>
    public static string Key(string method) => method.ToLowerInvariant().Replace(' ', '-');

    /// <summary>A method's short name for a figure's axis label.</summary>
    public static string Short(string method) => method switch
    {
        "GEM-MINER" => "GEM",
        "uniform random" => "random",
        "shuffled gem" => "shuffled",
        "Smart Ratio" => "SR",
        "edge-popup" => "EP",
        "shuffled SNIP" => "shufSNIP",
        _ => method,
    };
}
