namespace Verification.Core.Claims;

/// <summary>The papers whose claims the harness checks, plus the shared Markov machinery (MC).</summary>
public enum PaperId { MC, PC, AM, LG, SS, RG }

/// <summary>
/// A paper's registration: short id, BibTeX-style citation key, arXiv id, title and (when it has them) its notes under
/// docs/papers. The id pattern of claims, the CLI's paper list, docs/CLAIMS.md and the registry's order (each paper's
/// <see cref="PaperClaimsAttribute"/> list, in the order of <see cref="All"/>; the tests run one case per registered
/// claim) follow from <see cref="All"/>.
/// </summary>
public sealed record PaperRef(PaperId Id, string CitationKey, string ArXiv, string Title, bool HasNotes = true)
{
    public static readonly PaperRef MarkovMachinery = new(PaperId.MC, "makkuva2024attention", "2402.04161",
        "Shared Markov-chain and information-theory machinery (formulas of Attention with Markov, §1)", HasNotes: false);
    public static readonly PaperRef PromptCompression = new(PaperId.PC, "nagle2024fundamental", "2407.15504",
        "Fundamental Limits of Prompt Compression: A Rate-Distortion Framework for Black-Box Language Models");
    public static readonly PaperRef AttentionWithMarkov = new(PaperId.AM, "makkuva2024attention", "2402.04161",
        "Attention with Markov: A Framework for Principled Analysis of Transformers via Markov Chains");
    public static readonly PaperRef LocalToGlobal = new(PaperId.LG, "makkuva2024local", "2406.03072",
        "Local to Global: Learning Dynamics and Effect of Initialization for Transformers");
    public static readonly PaperRef SubsetSumLottery = new(PaperId.SS, "pensia2020optimal", "2006.07990",
        "Optimal Lottery Tickets via SubsetSum: Logarithmic Over-Parameterization is Sufficient");
    public static readonly PaperRef RareGems = new(PaperId.RG, "sreenivasan2022rare", "2202.12002",
        "Rare Gems: Finding Lottery Tickets at Initialization");

    public static IReadOnlyList<PaperRef> All { get; } =
        [MarkovMachinery, PromptCompression, AttentionWithMarkov, LocalToGlobal, SubsetSumLottery, RareGems];

    public static PaperRef Of(PaperId id) => All.Single(p => p.Id == id);
}
