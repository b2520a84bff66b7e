using System.Collections;
using System.Globalization;
using System.Reflection;

namespace Verification.Core.Claims;

/// <summary>
/// The settings of a claim's experiment: a record with one preset per scale. The report's parameters are read off
/// the record itself (<see cref="ClaimSettings.ParametersOf"/>), so they cannot drift from what runs.
/// </summary>
public interface IClaimSettings<out TSelf> where TSelf : IClaimSettings<TSelf>
{
    /// <summary>The preset for <paramref name="scale"/>.</summary>
    static abstract TSelf For(Scale scale);
}

/// <summary>Reads a claim's report parameters off its settings record.</summary>
public static class ClaimSettings
{
    /// <summary>
    /// The public properties of <paramref name="settings"/> by camelCase name, numbers and strings as they are,
    /// sequences joined by spaces, a nested record by its own properties under a dotted name (<c>sizes.dim</c>),
    /// anything else by its invariant text.
    /// </summary>
    public static IReadOnlyDictionary<string, object> ParametersOf(object settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var parameters = new Dictionary<string, object>(StringComparer.Ordinal);
        Add(parameters, "", settings);
        return parameters;
    }

    private static void Add(Dictionary<string, object> parameters, string prefix, object settings)
    {
        foreach (var property in settings.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.Name == "EqualityContract") continue;
            var name = prefix + char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
            var value = property.GetValue(settings);
            if (value is not null && IsRecord(value.GetType())) Add(parameters, name + ".", value);
            else parameters[name] = Value(value);
        }
    }

    /// <summary>A record class: the compiler gives it a protected <c>EqualityContract</c>.</summary>
    private static bool IsRecord(Type type) =>
        type.GetProperty("EqualityContract", BindingFlags.NonPublic | BindingFlags.Instance) is not null;

    private static object Value(object? value) => value switch
    {
        null => "",
        string s => s,
        int or long or double or float or bool => value,
        Enum e => e.ToString(),
        IEnumerable items => string.Join(" ", items.Cast<object?>().Select(Text)),
        _ => Text(value),
    };

    private static string Text(object? value) => value switch
    {
        null => "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Runtime.CompilerServices.ITuple t =>
            "(" + string.Join(",", Enumerable.Range(0, t.Length).Select(i => Text(t[i]))) + ")",
        _ => value.ToString() ?? "",
    };
}

/// <summary>
/// A claim whose experiment is configured by a settings record <typeparamref name="TSettings"/>: its check receives
/// the preset for the context's scale, and its report parameters are that preset's properties.
/// </summary>
public abstract class Claim<TSettings> : Claim where TSettings : IClaimSettings<TSettings>
{
    public sealed override IReadOnlyDictionary<string, object> Parameters(Scale scale) =>
        ClaimSettings.ParametersOf(TSettings.For(scale));

    protected internal sealed override Outcome Check(ClaimContext context, Construction construction) =>
        Check(context, TSettings.For(context.Scale), construction);

    /// <summary>Runs the check on one construction with the settings of the context's scale.</summary>
    protected abstract Outcome Check(ClaimContext context, TSettings settings, Construction construction);
}
