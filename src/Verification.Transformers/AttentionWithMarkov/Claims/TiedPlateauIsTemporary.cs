// Attention with Markov (arXiv 2402.04161), §4, Figs. "loss2"/"loss-layers" read as escape times (issue #16): with
// weight tying on (p, q) = (0.5, 0.8) training first sits on the unigram plateau H(π); how long it stays there is
// a distribution over seeds, measured here instead of a yes/no at step 400.
using Verification.Core.Claims;
using Verification.Core.Markov;

namespace Verification.Transformers.AttentionWithMarkov.Claims;

/// <param name="Seeds">runs per arm (issue #16: ≥ 10 at CI, ≥ 20 at paper scale)</param>
/// <param name="Lengths">T of the 1-layer arms</param>
/// <param name="DeepLength">T of the 2-layer arm; 0: no 2-layer arm</param>
/// <param name="Horizon">steps run at most: the paper's schedule</param>
/// <param name="AtLeast">fraction of an arm's runs that must escape within the horizon</param>
public sealed record TiedPlateauSettings(int Seeds, int[] Lengths, int DeepLength, int Horizon = 400, double AtLeast = 0.8)
    : IClaimSettings<TiedPlateauSettings>
{
    /// <summary>
    /// CI: the 1-layer arm at T = 256 only (the 5-minute test budget of issue #18; depth 2 at CI is
    /// <c>AM.depth-two-escapes-unigram-plateau</c>); paper: T = 256 and 1024 and depth 2 at T = 1024, 20 seeds each.
    /// </summary>
    public static TiedPlateauSettings For(Scale scale) => scale == Scale.Paper
        ? new(20, [256, 1024], 1024)
        : new(10, [256], 0);

    /// <summary>The arms of <paramref name="kind"/> (untied and i.i.d. arms carry their own names and seed streams).</summary>
    public IReadOnlyList<EscapeArm> Arms(PlateauArms kind) =>
        Lengths.Select(t => new EscapeArm($"tied-l1-t{t}", TrainingConfig.Paper with { Length = t }, true, Seeds, Horizon) { SeedStream = $"tied-L1-T{t}" })
            .Concat(DeepLength == 0 ? [] : [new EscapeArm($"tied-l2-t{DeepLength}", TrainingConfig.Paper with { Length = DeepLength, Layers = 2 }, true, Seeds, Horizon) { SeedStream = $"tied-L2-T{DeepLength}" }])
            .Select(a => kind switch { PlateauArms.Untied => a.Untied(), PlateauArms.TiedOnIid => a.OnIid(), _ => a })
            .ToList();
}

/// <summary>
/// Is the plateau temporary for the code model? Trained with the paper's recipe (AdamW, 400-iteration OneCycle
/// schedule, B = 16), tied runs on (0.5, 0.8) — 1-layer at T = 256 (at paper scale also T = 1024, and 2-layer) — are
/// required to leave H(π) for the entropy rate within the schedule in at least 80% of seeds per arm. Each run stops
/// at its escape (the detector of <see cref="EscapeSample"/>, the one <see cref="DepthTwoEscapesPlateau"/> uses), so
/// the steps run are those of the full schedule up to that point. The 80%, the horizon and the detector were fixed
/// from the outside evidence (the authors' own Markov-LLM code left the plateau in 4 of 5 tied runs within 400
/// iterations, ../shared/evidence/authors-code-runs.md) before any run of this claim.
/// <b>Recorded per scale: refuted at CI, holds at paper scale.</b> At CI (T = 256, 10 seeds) only 6 of 10 tied 1-layer
/// runs escape within the schedule (median 260, 4 still on the plateau at 400). At paper scale (20 seeds per arm;
/// seeds 0–9 are the CI runs; run b1-974757f in results/paper/) every arm passes — T = 256 16/20 (exactly 80%: the
/// next ten seeds escaped 10/10), T = 1024 17/20, depth 2 20/20. The threshold lies inside the sampling noise of the
/// T = 256 arm, and both records are kept as measured: the plateau is a distribution that ends within the schedule for
/// most seeds and outlasts it for a minority.
/// Controls follow the recorded verdict. At CI (refuted) a positive control: the same arms untied, which have no
/// unigram minimum to linger at (the authors' code: at the entropy rate by step 50); the same 80% check must hold, so
/// the refutation is not a detector that never fires. At paper scale (holds) a negative control: the same tied arms
/// trained on an i.i.d. source with the chain's stationary π (p' = π1, q' = π0, so p' + q' = 1) and evaluated on the
/// chain: the data carry no dependence to learn, so a run can never reach the chain's entropy rate and the check must
/// refute — the escapes counted are learning of the kernel, not a detector that fires on the plateau. The control
/// stops once more than 20% of an arm's runs stayed on the plateau (decided).
/// </summary>
public sealed class TiedPlateauIsTemporary : Claim<TiedPlateauSettings>
{
    public const double P = 0.5, Q = 0.8;

    public override string Id => "AM.tied-plateau-is-temporary";
    public override IReadOnlyList<string> DependsOn => ["AM.unigram-is-local-min-when-tied"];
    public override PaperRef Paper => PaperRef.AttentionWithMarkov;
    public override string Section => "§4, Figs. loss2 and loss-layers (tied, escape times)";
    public override string Statement =>
        "With weight tying on (p,q) = (0.5,0.8), the unigram plateau H(π) = 0.666 is temporary: at least 80% of the 1-layer runs at T = 256 (and, at paper scale, at T = 1024 and of the 2-layer runs) leave it for the entropy rate 0.619 within the 400-iteration schedule.";
    public override string NegativeControl =>
        "positive control: the same arms untied (no unigram minimum), where the check must hold";
    public override Verdict Recorded => Verdict.Refuted;

    /// <summary>Holds at paper scale (20 seeds per arm, run b1-974757f: 16/20, 17/20, 20/20); refuted at CI (6/10).</summary>
    public override Verdict RecordedAt(Scale scale) => scale == Scale.Paper ? Verdict.Holds : Recorded;

    public override string ControlAt(Scale scale) => RecordedAt(scale) == Verdict.Holds
        ? "negative control: the same tied arms trained on an i.i.d. source with the chain's π (no dependence to learn), where the check must refute"
        : NegativeControl;
    public override IReadOnlyCollection<Scale> Scales { get; } = [Scale.Ci, Scale.Paper];

    protected override Outcome Check(ClaimContext context, TiedPlateauSettings settings, Construction construction)
    {
        // The control follows the recorded verdict at this scale: untied arms (positive) or an i.i.d. source (negative).
        var kind = construction == Construction.Faithful ? PlateauArms.Tied
            : RecordedAt(context.Scale) == Verdict.Refuted ? PlateauArms.Untied : PlateauArms.TiedOnIid;
        var escapes = new PlateauEscapes(new BinaryMarkovChain(P, Q), settings.Arms(kind), kind, settings.AtLeast, settings.Horizon);
        var obs = new Observations();
        foreach (var sample in escapes.Samples(context))
        {
            sample.MeasureInto(obs);
            using (obs.Case(sample.Name))
                obs.ExpectFraction("escaped-within-schedule", sample.Escaped, sample.Runs, settings.AtLeast);
            if (kind == PlateauArms.TiedOnIid && obs.StopOnceRefuted(escapes.Skipped)) break;   // the others run every arm
        }
        escapes.AddFigures(obs);
        return obs.Conclude(escapes.Summary);
    }
}
