// Prints every claim's length (class line to the end of Check) and its hand decisions; exit 1 when a rule is broken.
//   dotnet run --project tools/Verification.ClaimShape [-- REPO_ROOT]
using Verification.ClaimShape;

var root = args.Length > 0 ? args[0] : FindRoot(Directory.GetCurrentDirectory());
var rows = ClaimShapeAnalysis.Analyse(root);
foreach (var r in rows.OrderByDescending(r => r.Lines))
    Console.WriteLine($"{r.Lines,4}  {r.HandDecisions.Count,2}  {r.Class,-48} {r.File}{(r.InheritedCheck is { } c ? $"  (+ {c})" : "")}");
var lines = rows.Select(r => r.Lines).Order().ToList();
int within = rows.Count(r => r.Lines <= ClaimShapeAnalysis.TargetLines);
int over = rows.Count(r => r.Lines > ClaimShapeAnalysis.MaxLines);
int hand = rows.Sum(r => r.HandDecisions.Count);
Console.WriteLine($"{rows.Count} claims: {within} within {ClaimShapeAnalysis.TargetLines} lines, {over} over {ClaimShapeAnalysis.MaxLines}; " +
                  $"median {lines[lines.Count / 2]}, longest {lines[^1]}; {hand} hand decisions");
foreach (var r in rows.Where(r => r.HandDecisions.Count > 0))
    foreach (var d in r.HandDecisions) Console.WriteLine($"  {r.File}:{d}");
return over == 0 && hand == 0 ? 0 : 1;

static string FindRoot(string dir)
{
    for (var d = new DirectoryInfo(dir); d is not null; d = d.Parent)
        if (File.Exists(Path.Combine(d.FullName, "Verification.sln"))) return d.FullName;
    throw new InvalidOperationException("run inside the repository (no Verification.sln above the current folder)");
}
