using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Verification.Benchmarks;

/// <summary>
/// Speed goals live here, never in timed tests. Run all: <c>dotnet run -c Release --project benchmarks/Verification.Benchmarks -- --filter '*'</c>.
/// </summary>
public static class Program
{
    /// <summary>
    /// Every job runs in this process (the in-process toolchain): the build marks this output's copy of TorchSharp.dll
    /// JIT-non-optimized (build/TorchSharpLiveness.targets, issue #12) and TorchRuntime refuses to run without that,
    /// but the separate host project BenchmarkDotNet generates by default imports no Directory.Build.targets, so its
    /// copy stays unpatched and every TorchSharp benchmark would stop in its setup. For the same reason the
    /// validator that refuses a "non-optimized dependency" is off: what is measured is the build the harness runs.
    /// The in-process toolchain stops a benchmark after 5 minutes by default, which the batched-training case with
    /// 150 separate runs at T = 1024 exceeds; the limit is an hour.
    /// </summary>
    public static readonly IConfig Config = DefaultConfig.Instance
        .AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: true)).AsMutator())
        .WithOptions(ConfigOptions.DisableOptimizationsValidator);

    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, Config);
}
