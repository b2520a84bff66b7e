using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Verification.Cli;

/// <summary>
/// Typed options: each option's tokens go through a parse function, and the <see cref="UsageException"/> it throws
/// for a bad token becomes that option's parse error, so System.CommandLine reports it (one line, exit code 2) before
/// anything runs. The same parse functions serve input read back from disk (<see cref="Shard.Parse"/>).
/// </summary>
public static class OptionParsing
{
    /// <summary>
    /// The option's value is <paramref name="parse"/> of its one token (also for a list written as one token,
    /// <c>--seeds 1-3,9</c>: given twice, the option is System.CommandLine's "expects a single argument" error).
    /// </summary>
    public static Option<T> ParsedBy<T>(this Option<T> option, Func<string, T> parse)
    {
        option.Arity = ArgumentArity.ExactlyOne;
        option.CustomParser = result => Reporting(result, () => parse(result.Tokens[^1].Value));
        return option;
    }

    /// <summary>A repeatable option: each token through <paramref name="parse"/>, in the order given.</summary>
    public static Option<T[]> EachParsedBy<T>(this Option<T[]> option, Func<string, T> parse)
    {
        option.CustomParser = result => Reporting(result, () => result.Tokens.Select(t => parse(t.Value)).ToArray());
        return option;
    }

    /// <summary>A whole number ≥ <paramref name="min"/> ≥ 0, written as digits only (no sign, 1.5, NaN, 1e3 or 0x10).</summary>
    public static int Integer(string option, string text, int min, string rule) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
            ? n
            : throw new UsageException($"{option}: must be {rule} (got '{text}')");

    /// <summary>A path as given, refused when empty or blank (in a script, an unset variable: <c>--out "$DIR"</c>).</summary>
    public static string PathValue(string option, string text) =>
        string.IsNullOrWhiteSpace(text) ? throw new UsageException($"{option}: empty path") : text;

    /// <summary>The same rule for an argument that takes paths.</summary>
    public static Argument<T> OfPaths<T>(this Argument<T> argument)
    {
        argument.Validators.Add(result =>
        {
            if (result.Tokens.Any(t => string.IsNullOrWhiteSpace(t.Value))) result.AddError($"{argument.Name}: empty path");
        });
        return argument;
    }

    private static T? Reporting<T>(ArgumentResult result, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (UsageException e)
        {
            result.AddError(e.Message);
            return default;
        }
    }
}
