namespace Verification.Core.Claims;

/// <summary>
/// Marks the static method that lists a paper's claims, e.g. <c>[PaperClaims(PaperId.AM)] public static
/// IEnumerable&lt;Claim&gt; AttentionWithMarkov()</c>. The catalog finds these methods in the claim assemblies, in the
/// order of <see cref="PaperRef.All"/>, so adding a paper needs no edit of the catalog, the CLI or the tests.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PaperClaimsAttribute(PaperId paper) : Attribute
{
    public PaperId Paper { get; } = paper;
}
