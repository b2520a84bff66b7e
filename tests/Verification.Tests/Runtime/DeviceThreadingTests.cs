using TorchSharp;
using Verification.Core.Claims;
using Verification.Core.Markov;
using Verification.Core.Runtime;
using Verification.LotteryTickets.RareGems;
using Verification.LotteryTickets.RareGems.Claims;
using Verification.LotteryTickets.SubsetSum;
using Verification.PromptCompression.Compressors;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Oracle;
using Verification.Transformers.AttentionWithMarkov;
using Verification.Transformers.LocalToGlobal;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Tests.Runtime;

/// <summary>Tests that change torch's process-wide settings (default device, deterministic switch) run alone.</summary>
[CollectionDefinition(nameof(TorchGlobals), DisableParallelization = true)]
public sealed class TorchGlobals;

/// <summary>
/// Every tensor of every TorchSharp model is created on the run's device, caught without a GPU.
/// <para>
/// Why not run the models on libtorch's <c>meta</c> device, as issue #14 suggests: TorchSharp 0.107 ships libtorch's
/// C++ meta kernels only, and most of the meta implementations live in PyTorch's Python layer. Probed here: relu,
/// index_select (so embeddings), native_batch_norm (LayerNorm) and var have none and throw, var even aborts the
/// process from a native worker; and reading a number (<c>item</c>) from a meta tensor is impossible, while every
/// training loop reads its loss. So the test inverts the roles: torch's <em>default</em> device is set to <c>meta</c>
/// and the models run for real on the CPU, passed explicitly as the run's device. A tensor created without the run's
/// device then lands on meta, and the first op that mixes it with the CPU tensors ("Expected all tensors to be on the
/// same device"), writes it into one ("Cannot inplace into non-meta tensor with meta tensor argument") or reads it
/// ("Cannot copy out of meta tensor") throws — even a 0-dim tensor. The negative examples below show that it does.
/// (Ops without a meta kernel mostly throw; <c>var</c> aborts the process, so a test that forgets the device in a
/// BatchNorm model fails by crashing the test host: loud, if not pretty.)
/// Together with <see cref="NoModelOrClaimNamesTheCpu"/> (nothing outside Verification.Torch names the CPU), every tensor
/// is created on the device passed in, i.e. on <c>context.Device</c>.
/// </para>
/// </summary>
[Collection(nameof(TorchGlobals))]
public sealed class DeviceThreadingTests : IDisposable
{
    private static readonly Device Meta = new(DeviceType.META);
    private readonly Device run = ComputeDevice.Cpu.ToTorch();

    public DeviceThreadingTests()
    {
        TorchRuntime.Initialize();
        set_default_device(Meta);
    }

    public void Dispose() => set_default_device(ComputeDevice.Host);

    // --- the detector itself: forgetting the device fails ------------------------------------------------------

    [Fact]
    public void ATensorCreatedWithoutTheDeviceIsCaught()
    {
        using var scope = NewDisposeScope();
        var onRun = ones(3, device: run);
        Assert.Equal(DeviceType.META, zeros(3).device_type);
        Assert.Contains("same device", Assert.ThrowsAny<Exception>(() => (onRun + zeros(3)).sum().item<float>()).Message);
        Assert.ThrowsAny<Exception>(() => (onRun * tensor(2f)).sum().item<float>());              // even a 0-dim tensor
        Assert.ThrowsAny<Exception>(() => onRun.matmul(ones(3, 3)).sum().item<float>());         // or one that propagates
    }

    [Fact]
    public void AModelBuiltWithoutTheDeviceFailsOnTheRunsInputs()
    {
        // (Not MaskedMlp: its BatchNorm's var has no meta kernel and aborts the process instead of throwing.)
        using var scope = NewDisposeScope();
        using var data = SyntheticTask.Teacher(6, 3, 16, seed: 1, device: run);
        using var forgotten = new BiasFreeMlp(6, 5, 3, new Generator(1));                       // no device: meta
        Assert.ThrowsAny<Exception>(() => nn.functional.cross_entropy(forgotten.call(data.X), data.Y).item<float>());
        Assert.ThrowsAny<Exception>(() => MarkovTrainer.Train(new BinaryMarkovChain(0.2, 0.3), true, TinyTraining, 1));   // device not passed
    }

    // --- every model, through the code path its claims use --------------------------------------------------------

    private static readonly TrainingConfig TinyTraining = new(Dim: 4, Layers: 1, Length: 8, Batch: 2, Iterations: 3, EvalEvery: 1,
        EvalBatches: 1, FinalEvalBatches: 1, CheckpointStep: 2);

    [Fact]
    public void PromptCompressionModelsTrainAndPredictOnTheRunDevice()
    {
        var answerer = ModelBlackBox.Train(new AnswererConfig(Dim: 8, Layers: 1, Heads: 2, Epochs: 1, RowsPerQuery: 8), 3, seed: 1, device: run);
        Assert.InRange(answerer.Probability(0b110, BinaryQuery.Palindrome, 1), 0, 1);
        foreach (var architecture in Enum.GetValues<CompressorArchitecture>())   // the GRUs of smoke/CI, the transformers of paper scale
        {
            var config = new TokenClassifierConfig(Hidden: 4, Epochs: 1, RowsPerQuery: 8, MaxLength: 6, Architecture: architecture);
            foreach (bool queryAware in new[] { true, false })
            {
                var classifier = TokenClassifier.Train(queryAware, config, seed: 2, device: run);
                Assert.All(classifier.Probabilities([1, 0, 1, 1], BinaryQuery.Palindrome), p => Assert.InRange(p, 0, 1));
            }
            var lm = PromptLanguageModel.Train(config, seed: 3, device: run);
            Assert.All(lm.SelfInformation([1, 0, 1], BinaryQuery.Palindrome), v => Assert.True(v >= 0));
            Assert.True(lm.NextBitLoss([1, 1], 0) > 0);
        }
    }

    [Fact]
    public void AttentionWithMarkovModelsTrainOnTheRunDevice()
    {
        var chain = new BinaryMarkovChain(0.2, 0.3);
        Assert.True(double.IsFinite(MarkovTrainer.Train(chain, tied: false, TinyTraining, 1, device: run).FinalLoss));
        Assert.True(double.IsFinite(ExactCodeTraining.Train(0.2, 0.3, tied: true, TinyTraining, 2, run).Loss));
        Assert.True(double.IsFinite(MemoryWindowTraining.Train(new LagKMarkovSource(0.2, 0.3, 2), true, 3, TinyTraining, 3, device: run).FinalLoss));
        // The authors' simplified model (LG escape times), through the same trainer.
        Assert.True(double.IsFinite(MarkovTrainer.Train(chain, tied: true, TinyTraining, 4, device: run,
            model: (g, d) => new SimpleTransformer(new SimpleTransformerConfig(TinyTraining.Dim, TinyTraining.Length, Tied: true), g, d)).FinalLoss));

        // The theory model: exact loss, gradient and Hessian by double backward (the landscape claims' path).
        using var model = new TheoryTransformer(new TheoryTransformerConfig(2, 4, 2, Tied: false), new Generator(4), device: run);
        var loss = new ExactPopulationLoss(0.2, 0.3, 4, run);
        var probe = LandscapeProbe.At(model, loss);
        Assert.True(double.IsFinite(probe.Loss) && double.IsFinite(probe.MinEigenvalue));
        Assert.True(double.IsFinite(FullModelTraining.Train(0.2, 0.3, FullTrainingConfig.Smoke with { Iterations = 3 }, FullInit.Standard,
            tied: true, seed: 5, device: run).FinalLoss));
    }

    [Fact]
    public void RareGemsMaskedMlpMinesAndFineTunesOnTheRunDevice()
    {
        var trace = SyntheticTask.Trace([10, 8, 6, 3], new GemMinerConfig { Density = 0.5, Epochs = 2, BatchSize = 32 }, 1, samples: 64, device: run);
        Assert.True(trace.ScoresInUnitInterval());
        var (error, _) = StraightThroughGradient.Compare(2, ignoreFlags: false, run);
        Assert.True(error < 1e-10);

        using var data = SyntheticTask.Teacher(10, 3, 64, seed: 3, device: run);
        using var model = new MaskedMlp([10, 8, 3], device: run);
        GemMiner.Initialize(model, new Generator(4));
        var weights = model.W.Select(w => w.detach().clone()).ToArray();
        var masks = new[]
        {
            Baselines.UniformRandom(model, 0.5, new Generator(5)),
            Baselines.Snip(model, data, 0.5, 32),
            Baselines.GraSP(model, data, 0.5, 32),
            Baselines.SynFlow(model, 0.5, rounds: 2),
            EdgePopup.Train(model, data, 0.5, 2, new Generator(6), batchSize: 32),
        };
        foreach (var mask in masks.Append(Baselines.ShuffleWithinLayers(masks[0], new Generator(7))))
        {
            using var masked = GemExperiment.BuildWidths([10, 8, 3], weights, mask);
            Training.FineTune(masked, data, 1, 0.05, 32, new Generator(8));
            Assert.InRange(Training.Accuracy(masked, data), 0, 1);
        }
        using var rewound = GemExperiment.BuildWidths([10, 8, 3], weights, masks[0]);
        LightImp.Prune(rewound, data, 0.5, new ImpConfig(1, 1, BatchSize: 32), new Generator(9));
        using var warm = GemExperiment.BuildWidths([10, 8, 3], weights, masks[0]);
        ImpWithWarmup.Run(warm, data, [0.5, 0.3], new ImpWithWarmupConfig(1, 1, BatchSize: 32), new Generator(10));
    }

    [Fact]
    public void SubsetSumNetworksTrainOnTheRunDevice()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(1);
        using var target = new BiasFreeMlp(6, 5, 3, generator, run);
        using var l1 = new RedundantLayer(6, 4, 2, relu: true, keepFraction: 0.5, generator, run);
        using var l2 = new RedundantLayer(4, 3, 2, relu: true, keepFraction: 0.5, generator, run);
        var x = HostRandom.Normal(0, 1, [8, 6], ScalarType.Float32, generator, run);             // (B, in)
        var y = HostRandom.Permutation(8, generator, run).remainder(3);                           // (B)
        nn.functional.cross_entropy(target.call(x), y).backward();
        nn.functional.cross_entropy(l2.call(nn.functional.relu(l1.call(x))), y).backward();
        var (w1, w2) = target.Weights();
        target.SetWeights(w1, w2);
        Assert.True(double.IsFinite(nn.functional.cross_entropy(target.call(x), y).item<float>()));
    }

    // --- end to end: every registered claim, through the claims' own code paths ---------------------------------

    [Fact]
    public void EveryClaimAtSmokeScaleReachesItsRecordedVerdictWithNothingOnTheDefaultDevice()
    {
        // A tensor that missed context.Device would be on meta here and the claim would be inconclusive ("check
        // failed with ExternalException: … meta …"). Claims that do not run at smoke are covered by the model tests above.
        var off = new List<string>();
        foreach (var claim in Verification.Cli.ClaimCatalog.Create().All)
        {
            var e = claim.Evaluate(Scale.Smoke, 7, ComputeDevice.Cpu);
            if (e.Verdict != Verdict.NotRun && e.Verdict != claim.RecordedAt(Scale.Smoke)) off.Add($"{claim.Id}: {e.Verdict} ({e.Reason})");
        }
        Assert.True(off.Count == 0, string.Join("\n", off));
    }

    // --- the grep-level rule of issue #14 ----------------------------------------------------------------------

    [Fact]
    public void NoModelOrClaimNamesTheCpu()
    {
        var src = Path.Combine(Support.RepoPaths.Root, "src");
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") ||
                file.Contains($"{Path.DirectorySeparatorChar}Verification.Torch{Path.DirectorySeparatorChar}")) continue;
            int n = 0;
            foreach (var line in File.ReadLines(file))
            {
                n++;
                var code = line.Split("//")[0];
                if (System.Text.RegularExpressions.Regex.IsMatch(code, @"\bCPU\b|DeviceType\.CPU|new Generator\([^)]*,\s*CPU"))
                    offenders.Add($"{Path.GetRelativePath(src, file)}:{n}: {line.Trim()}");
            }
        }
        Assert.True(offenders.Count == 0, "hard-coded CPU outside Verification.Torch:\n" + string.Join("\n", offenders));
    }
}
