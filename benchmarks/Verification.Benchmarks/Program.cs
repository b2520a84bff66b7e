using BenchmarkDotNet.Running;

namespace Verification.Benchmarks;

/// <summary>
/// Speed goals live here, never in timed tests. Run all: <c>dotnet run -c Release --project benchmarks/Verification.Benchmarks -- --filter '*'</c>.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
