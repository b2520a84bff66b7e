namespace Verification.Core.Reporting;

/// <summary>
/// The one-line command that re-runs exactly one work item — its claim, at its seed, scale and device — printed for
/// every claim that did not reach its recorded verdict and shown on its report card, so that a failure can be
/// reproduced without reading the harness.
/// </summary>
public static class Replay
{
    public const string Tool = "dotnet run --project src/Verification.Cli --";

    public static string Command(ClaimRecord r) => Command(r.Id, r.Seed, r.Scale, r.Device);

    public static string Command(string id, int seed, string scale, string device) =>
        $"{Tool} verify --claim {id} --seed {seed} --scale {scale}" + (device == "cpu" ? "" : $" --device {device}");
}
