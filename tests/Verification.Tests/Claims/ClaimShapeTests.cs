using Verification.ClaimShape;
using Verification.Tests.Support;

namespace Verification.Tests.Claims;

/// <summary>
/// Every claim reads in one screen and decides only through checks (tools/Verification.ClaimShape, which prints the
/// same table: <c>dotnet run --project tools/Verification.ClaimShape</c>). The sabotage: a claim source with a hand
/// decision and one too long, which the analysis must report.
/// </summary>
public sealed class ClaimShapeTests
{
    [Fact]
    public void EveryClaimFitsSixtyLinesMostFortyAndNoneDecidesByHand()
    {
        var rows = ClaimShapeAnalysis.Analyse(RepoPaths.Root);
        Assert.True(rows.Count >= 46, $"only {rows.Count} claim classes found");
        var tooLong = rows.Where(r => r.Lines > ClaimShapeAnalysis.MaxLines).Select(r => $"{r.Class} ({r.Lines})").ToList();
        Assert.True(tooLong.Count == 0, "over 60 lines: " + string.Join(", ", tooLong));
        Assert.True(rows.Count(r => r.Lines <= ClaimShapeAnalysis.TargetLines) * 2 > rows.Count,
            $"only {rows.Count(r => r.Lines <= ClaimShapeAnalysis.TargetLines)} of {rows.Count} claims within 40 lines");
        var hand = rows.SelectMany(r => r.HandDecisions.Select(d => $"{r.File}:{d}")).ToList();
        Assert.True(hand.Count == 0, "hand decisions: " + string.Join("; ", hand));
    }

    [Fact]
    public void TheAnalysisSeesHandDecisionsAndLength()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["src/Paper/Claims"]);
        File.WriteAllText(dir["Verification.sln"], "");
        var body = string.Join("\n", Enumerable.Range(0, 70).Select(i => $"        obs.Measure(\"m{i}\", {i});"));
        File.WriteAllText(dir["src/Paper/Claims/Sabotaged.cs"], $$"""
            public sealed class Sabotaged : Claim
            {
                protected override Outcome Check(ClaimContext context, Construction construction)
                {
                    var obs = new Observations();
            {{body}}
                    if (!Tolerance.Absolute(1).Accepts(0, 2)) { }
                    obs.Expect("count-is-zero", violations == 0);
                    if (obs.AllPassed) { }
                    return obs.Conclude("");
                }
            }
            """);
        var row = Assert.Single(ClaimShapeAnalysis.Analyse(dir.Path));
        Assert.True(row.Lines > ClaimShapeAnalysis.MaxLines);
        Assert.Equal(3, row.HandDecisions.Count);
    }

    /// <summary>A claim that inherits a shared Check is measured too (its whole class), with the shared Check's decisions.</summary>
    [Fact]
    public void AClaimInheritingASharedCheckIsMeasuredWithIt()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["src/Paper/Claims"]);
        File.WriteAllText(dir["Verification.sln"], "");
        File.WriteAllText(dir["src/Paper/Claims/Shared.cs"], """
            public abstract class SharedClaim : Claim
            {
                protected override Outcome Check(ClaimContext context, Construction construction)
                {
                    var obs = new Observations();
                    obs.Expect("hits-enough", hits >= required);
                    return obs.Conclude("");
                }
            }
            """);
        var arms = string.Join("\n", Enumerable.Range(0, 65).Select(i => $"    // arm {i}"));
        File.WriteAllText(dir["src/Paper/Claims/Inheriting.cs"], $$"""
            public sealed class Inheriting : SharedClaim
            {
            {{arms}}
            }
            """);
        var row = Assert.Single(ClaimShapeAnalysis.Analyse(dir.Path));
        Assert.Equal("Inheriting", row.Class);
        Assert.Equal(68, row.Lines);   // class line, brace, 65 arms, brace
        Assert.Equal("SharedClaim.Check, 6 lines", row.InheritedCheck);
        Assert.Contains("src/Paper/Claims/Shared.cs:6: Expect(…, hits >= required)", Assert.Single(row.HandDecisions));
    }
}
