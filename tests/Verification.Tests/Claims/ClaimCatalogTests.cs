using System.Text.Json;
using System.Text.RegularExpressions;
using Spectre.Console;
using Verification.Cli;
using Verification.Core.Claims;
using Verification.Tests.Support;

namespace Verification.Tests.Claims;

/// <summary>
/// What follows from the registration: docs/CLAIMS.md (generated, never stale), the <c>--list</c> formats, the id
/// prefixes and the registry's order (one claim list per paper); and the conventions every claim keeps.
/// </summary>
public partial class ClaimCatalogTests
{
    private static readonly ClaimRegistry Registry = ClaimCatalog.Create();

    [Fact]
    public void ClaimsMarkdownIsTheGeneratedCatalog()
    {
        var committed = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "CLAIMS.md")).ReplaceLineEndings("\n");
        Assert.True(committed == ClaimList.Markdown(Registry),
            "docs/CLAIMS.md is stale: regenerate it with " +
            "`dotnet run --project src/Verification.Cli -- verify --list --format markdown > docs/CLAIMS.md`");
    }

    /// <summary>
    /// The claims whose finding differs between CI and paper scale record it per scale, and their
    /// control follows: a positive control where the recorded verdict is refuted, a negative one where it holds.
    /// </summary>
    [Theory]
    [InlineData("AM.tied-plateau-is-temporary", Verdict.Refuted, Verdict.Holds)]
    [InlineData("AM.memory-window-learns-lag-k", Verdict.Holds, Verdict.Refuted)]
    [InlineData("AM.depth-does-not-learn-lag-k", Verdict.Holds, Verdict.Refuted)]
    [InlineData("AM.predicted-kernel-on-pq-grid", Verdict.Holds, Verdict.Refuted)]
    [InlineData("RG.reinitialised-gem-finetunes-worse", Verdict.Holds, Verdict.Refuted)]
    public void AFindingOfOneScaleIsRecordedAtThatScale(string id, Verdict atCi, Verdict atPaper)
    {
        var claim = Registry.Get(id);
        Assert.Equal((atCi, atPaper), (claim.RecordedAt(Scale.Ci), claim.RecordedAt(Scale.Paper)));
        Assert.NotEqual(claim.ControlAt(Scale.Ci), claim.ControlAt(Scale.Paper));
        foreach (var scale in new[] { Scale.Ci, Scale.Paper })
            Assert.Equal(claim.RecordedAt(scale) == Verdict.Refuted, claim.ControlAt(scale).StartsWith("positive control"));
        Assert.Contains("at paper", ClaimList.RecordedText(claim));
        Assert.Equal(5, Registry.All.Count(c => c.RecordedPerScale));   // a new one is a decision: add it here
    }

    [Theory]
    [InlineData("text")]
    [InlineData("markdown")]
    [InlineData("json")]
    public void ListPrintsEveryClaimInEachFormatUnwrapped(string format)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 40;   // narrower than every line: nothing may wrap
        Assert.Equal(0, Program.Run(["verify", "--list", "--format", format], console, TextWriter.Null));
        var text = output.ToString();
        switch (format)
        {
            case "text":
                var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal(Registry.Ids, lines.Select(l => l.Split('\t')[0]));
                break;
            case "markdown":
                Assert.Equal(ClaimList.Markdown(Registry), text);
                break;
            default:
                using (var doc = JsonDocument.Parse(text))
                    Assert.Equal(Registry.Ids, doc.RootElement.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
                break;
        }
    }

    [Fact]
    public void AnUnknownListFormatIsAUsageError()
    {
        var error = new StringWriter();
        Assert.Equal(2, Program.Run(["verify", "--list", "--format", "yaml"], AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(TextWriter.Null),
        }), error));
        Assert.Contains("text, markdown, json", error.ToString());
    }

    [Fact]
    public void EveryRegisteredPaperHasExactlyOneClaimListWithClaims()
    {
        var sources = ClaimCatalog.Sources();
        Assert.Equal(PaperRef.All.Select(p => p.Id), sources.Select(s => s.Paper.Id));
        foreach (var paper in PaperRef.All)
            Assert.Contains(Registry.All, c => c.Paper.Id == paper.Id);
        // The registry is in registration order: papers as PaperRef.All lists them, claims as their list gives them.
        var order = Registry.All.Select(c => PaperRef.All.ToList().FindIndex(p => p.Id == c.Paper.Id)).ToList();
        Assert.Equal(order.Order(), order);
    }

    [Fact]
    public void EveryClaimStatesOneSentence()
    {
        foreach (var claim in Registry.All)
        {
            Assert.False(SentenceBreak().IsMatch(claim.Statement), $"{claim.Id}: statement has more than one sentence: {claim.Statement}");
            Assert.EndsWith(".", claim.Statement);
        }
    }

    /// <summary>
    /// Claims whose parameters are not yet read off a settings record, each with why. Keep it short: a claim added here
    /// reports parameters that can drift from what it runs.
    /// </summary>
    private static readonly Dictionary<string, string> HandWrittenParameters = new()
    {
    };

    [Fact]
    public void EveryClaimReadsItsParametersOffASettingsRecord()
    {
        foreach (var claim in Registry.All)
        {
            if (HandWrittenParameters.ContainsKey(claim.Id)) continue;
            bool fromRecord = false;
            for (var type = claim.GetType(); type is not null && !fromRecord; type = type.BaseType)
                fromRecord = (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Claim<>))
                             || type == typeof(Verification.Transformers.AttentionWithMarkov.Claims.TrainingClaim);   // its arms' records
            Assert.True(fromRecord, $"{claim.Id}: derive from Claim<TSettings> so that its report parameters are read off its settings record");
            Assert.NotEmpty(claim.Parameters(Scale.Ci));
        }
    }

    [GeneratedRegex(@"[.!?]\s+[A-Z]")]
    private static partial Regex SentenceBreak();
}
