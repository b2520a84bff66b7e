using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Verification.ClaimShape;

/// <summary>One claim class as a reviewer reads it: its length and the decisions it makes outside the check API.</summary>
/// <param name="Lines">from the class line to the end of <c>Check</c> (the span a reviewer reads)</param>
/// <param name="HandDecisions">each <c>.Accepts(</c>, <c>AllPassed</c>, or <c>Expect(name, bool)</c> whose bool is a numeric comparison, as "line: text"</param>
/// <param name="InheritedCheck">for a claim that inherits its <c>Check</c> from a shared abstract claim (the AM training
/// claims): that class and its Check's length, e.g. "TrainingClaim.Check, 24 lines"; <see cref="Lines"/> is then the
/// whole claim class, and the hand decisions include the shared Check's</param>
public sealed record ClaimShapeRow(string File, string Class, int Lines, IReadOnlyList<string> HandDecisions, string? InheritedCheck = null);

/// <summary>
/// Reads the claim classes under <c>src/**/Claims/</c> with Roslyn's parser (syntax only, nothing compiled): a claim
/// class is a concrete one that overrides <c>Check</c>, or that inherits it from an abstract claim class there that does
/// (measured as its whole class, the shared Check named beside it). Rules (issue "claims a reviewer reads in one screen"): ≤ 60 lines for
/// every claim (≤ 40 for most), no <c>.Accepts(</c>, no reading of <c>AllPassed</c>, and no <c>Expect(name, bool)</c>
/// whose bool is a comparison (<c>&lt; &gt; &lt;= &gt;= == !=</c>) — a numeric comparison goes through a tolerance so
/// the report shows the value.
/// </summary>
public static class ClaimShapeAnalysis
{
    public const int MaxLines = 60;
    public const int TargetLines = 40;

    public static IReadOnlyList<ClaimShapeRow> Analyse(string repositoryRoot)
    {
        var src = Path.Combine(repositoryRoot, "src");
        var classes = new List<(string File, SyntaxTree Tree, ClassDeclarationSyntax Type, MethodDeclarationSyntax? Check)>();
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
                     .Where(f => f.Split(Path.DirectorySeparatorChar).Contains("Claims"))
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
                     .Order(StringComparer.Ordinal))
        {
            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: file);
            var relative = Path.GetRelativePath(repositoryRoot, file).Replace('\\', '/');
            foreach (var type in tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
                classes.Add((relative, tree, type, type.Members.OfType<MethodDeclarationSyntax>()
                    .FirstOrDefault(m => m.Identifier.Text == "Check" && m.Modifiers.Any(SyntaxKind.OverrideKeyword))));
        }
        // Shared checks: abstract claim classes that override Check, by name (a claim without a Check inherits one).
        var shared = classes.Where(c => c.Check is not null && c.Type.Modifiers.Any(SyntaxKind.AbstractKeyword))
            .GroupBy(c => c.Type.Identifier.Text).ToDictionary(g => g.Key, g => g.First());
        var rows = new List<ClaimShapeRow>();
        foreach (var (file, tree, type, check) in classes.Where(c => !c.Type.Modifiers.Any(SyntaxKind.AbstractKeyword)))
        {
            int first = tree.GetLineSpan(type.Identifier.Span).StartLinePosition.Line;
            if (check is not null)
                rows.Add(new ClaimShapeRow(file, type.Identifier.Text, tree.GetLineSpan(check.Span).EndLinePosition.Line - first + 1,
                    HandDecisions(tree, type)));
            else if (BaseName(type) is string b && shared.TryGetValue(b, out var owner))
            {
                var span = owner.Tree.GetLineSpan(owner.Check!.Span);
                rows.Add(new ClaimShapeRow(file, type.Identifier.Text, tree.GetLineSpan(type.Span).EndLinePosition.Line - first + 1,
                    [.. HandDecisions(tree, type), .. HandDecisions(owner.Tree, owner.Check).Select(d => $"{owner.File}:{d}")],
                    $"{b}.Check, {span.EndLinePosition.Line - span.StartLinePosition.Line + 1} lines"));
            }
        }
        return rows;
    }

    private static string? BaseName(ClassDeclarationSyntax type) => type.BaseList?.Types.FirstOrDefault()?.Type switch
    {
        IdentifierNameSyntax i => i.Identifier.Text,
        GenericNameSyntax g => g.Identifier.Text,
        QualifiedNameSyntax q => q.Right.Identifier.Text,
        _ => null,
    };

    /// <summary>Decisions made outside the check API anywhere in the class (its helpers included).</summary>
    public static IReadOnlyList<string> HandDecisions(SyntaxTree tree, SyntaxNode scope)
    {
        var found = new List<string>();
        string Where(SyntaxNode n) => $"{tree.GetLineSpan(n.Span).StartLinePosition.Line + 1}: {n.ToString().Split('\n')[0].Trim()}";
        foreach (var access in scope.DescendantNodes().OfType<MemberAccessExpressionSyntax>())
        {
            var name = access.Name.Identifier.Text;
            if (name == "Accepts" && access.Parent is InvocationExpressionSyntax) found.Add(Where(access.Parent));
            else if (name == "AllPassed") found.Add(Where(access));
        }
        foreach (var call in scope.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            var called = call.Expression switch
            {
                MemberAccessExpressionSyntax m => m.Name.Identifier.Text,
                IdentifierNameSyntax i => i.Identifier.Text,
                _ => "",
            };
            if (called != "Expect" || call.ArgumentList.Arguments.Count is < 2 or > 3) continue;
            var condition = call.ArgumentList.Arguments[1].Expression;
            if (IsComparison(condition))
                found.Add($"{tree.GetLineSpan(condition.Span).StartLinePosition.Line + 1}: Expect(…, {condition})");
        }
        return found;
    }

    private static bool IsComparison(ExpressionSyntax e) => e switch
    {
        ParenthesizedExpressionSyntax p => IsComparison(p.Expression),
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } u => IsComparison(u.Operand),
        BinaryExpressionSyntax b => b.Kind() switch
        {
            SyntaxKind.LessThanExpression or SyntaxKind.GreaterThanExpression or SyntaxKind.LessThanOrEqualExpression
                or SyntaxKind.GreaterThanOrEqualExpression or SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression => true,
            SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression => IsComparison(b.Left) || IsComparison(b.Right),
            _ => false,
        },
        _ => false,
    };
}
