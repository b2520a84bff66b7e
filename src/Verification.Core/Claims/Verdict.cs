namespace Verification.Core.Claims;

/// <summary>
/// The outcome of checking a claim. <see cref="NotRun"/> is for a scale the claim declares it cannot check honestly;
/// it is never counted as passed.
/// </summary>
public enum Verdict { Holds, Refuted, Inconclusive, NotRun }
