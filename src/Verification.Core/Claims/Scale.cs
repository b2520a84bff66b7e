namespace Verification.Core.Claims;

/// <summary>
/// How large a claim's experiment is. <see cref="Smoke"/>: the whole <c>verify --scale smoke</c> in about a minute;
/// <see cref="Ci"/>: what <c>dotnet test</c> runs (whole suite ≤ 10 minutes on 2 cores); <see cref="Paper"/>: the
/// papers' sizes, for the CLI. Scale changes sizes, never the construction.
/// </summary>
public enum Scale { Smoke, Ci, Paper }

public static class ScaleNames
{
    public static string ToCli(this Scale scale) => scale switch
    {
        Scale.Smoke => "smoke",
        Scale.Ci => "ci",
        Scale.Paper => "paper",
        _ => throw new ArgumentOutOfRangeException(nameof(scale), scale, "unknown scale"),
    };

    public static bool TryParse(string? text, out Scale scale)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "smoke": scale = Scale.Smoke; return true;
            case "ci": scale = Scale.Ci; return true;
            case "paper": scale = Scale.Paper; return true;
            default: scale = Scale.Ci; return false;
        }
    }
}
