using System.Text.Json;
using Verification.Core.Runtime;
using Verification.Core.Seeding;

namespace Verification.Core.Claims;

/// <summary>Which construction a check runs on: the paper's, or the sabotaged one that the check must refute.</summary>
public enum Construction { Faithful, Sabotaged }

/// <summary>Everything a check may depend on: scale, seed, device, progress and cancellation. Nothing else.</summary>
public sealed class ClaimContext
{
    private readonly IProgress<double>? progress;
    private readonly double progressFrom;
    private readonly double progressTo;
    private readonly SubUnitPlan? subUnits;
    private readonly Construction construction;

    public ClaimContext(Scale scale, int seed, ComputeDevice device, IProgress<double>? progress = null,
        CancellationToken cancellation = default, double progressFrom = 0, double progressTo = 1,
        SubUnitPlan? subUnits = null, Construction construction = Construction.Faithful)
    {
        this.subUnits = subUnits;
        this.construction = construction;
        Scale = scale;
        Seed = seed;
        Device = device;
        Cancellation = cancellation;
        this.progress = progress;
        this.progressFrom = progressFrom;
        this.progressTo = progressTo;
    }

    public Scale Scale { get; }
    public int Seed { get; }
    public ComputeDevice Device { get; }
    public CancellationToken Cancellation { get; }

    /// <summary>A random stream for <paramref name="stream"/>, independent of every other stream name.</summary>
    public Rng Rng(string stream) => Seeding.Rng.For(Seed, stream);

    /// <summary>An integer seed derived for <paramref name="stream"/> (for TorchSharp generators).</summary>
    public long DeriveSeed(string stream) => Seeds.Derive(Seed, stream);

    /// <summary>
    /// One cell of a long sweep (<see cref="SubUnitStore"/>): <paramref name="compute"/>'s result for
    /// <paramref name="key"/>, a record (or array) that System.Text.Json round-trips exactly. An ordinary run computes
    /// it; a part run computes and stores the cells it owns and returns <paramref name="placeholder"/> for the others
    /// (the part's outcome is discarded, so the check only has to get through it); the assembly reads it from the store
    /// (computing it only if missing).
    /// </summary>
    public T SubUnit<T>(string key, Func<T> compute, T placeholder)
    {
        if (subUnits is null) return compute();
        var store = subUnits.Store;
        if (store.TryGet(construction, key, out var stored) && TryRead<T>(stored, out var cell)) return cell;
        if (subUnits.IsPart && SubUnitStore.Owner(key, subUnits.Parts) != subUnits.Part) return placeholder;
        var value = compute();
        if (!subUnits.IsPart) store.ComputedOnAssembly++;
        store.Put(construction, key, JsonSerializer.Serialize(value, SubUnitStore.CellJson));
        return value;
    }

    /// <summary>
    /// Whether asking <see cref="SubUnit{T}"/> for <paramref name="key"/> would compute it here: always without a plan;
    /// not when the store already holds it, nor in a part run that does not own it. Lets a sweep train the cells it
    /// will compute together (batched) before asking for them one by one.
    /// </summary>
    public bool WillCompute(string key) =>
        subUnits is null
        || (!(subUnits.Store.TryGet(construction, key, out _))
            && !(subUnits.IsPart && SubUnitStore.Owner(key, subUnits.Parts) != subUnits.Part));

    private static bool TryRead<T>(string json, out T value)
    {
        try
        {
            value = JsonSerializer.Deserialize<T>(json, SubUnitStore.CellJson)!;
            return value is not null;
        }
        catch (JsonException)
        {
            value = default!;
            return false;
        }
    }

    /// <summary>A cell of <paramref name="arity"/> numbers (<see cref="SubUnit{T}"/>; NaN placeholders in a part run).</summary>
    public double[] SubUnit(string key, int arity, Func<double[]> compute)
    {
        var values = SubUnit(key, () =>
        {
            var v = compute();
            return v.Length == arity ? v : throw new InvalidOperationException($"sub-unit '{key}' returned {v.Length} numbers, declared {arity}");
        }, Enumerable.Repeat(double.NaN, arity).ToArray());
        return values.Length == arity ? values : compute();
    }

    /// <summary>A one-number cell (<see cref="SubUnit{T}"/>).</summary>
    public double SubUnit(string key, Func<double> compute) => SubUnit(key, 1, () => [compute()])[0];

    /// <summary>Reports the fraction done of this check, in [0, 1].</summary>
    public void Report(double fraction)
    {
        Cancellation.ThrowIfCancellationRequested();
        progress?.Report(progressFrom + (progressTo - progressFrom) * Math.Clamp(fraction, 0, 1));
    }
}
