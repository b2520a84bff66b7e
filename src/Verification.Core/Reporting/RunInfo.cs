using Verification.Core.Claims;

namespace Verification.Core.Reporting;

/// <summary>The configuration of one <c>verify</c> run, as written into the report.</summary>
public sealed record RunInfo(Scale Scale, IReadOnlyList<int> Seeds, string Device, string CodeVersion, DateTimeOffset StartedAt);
