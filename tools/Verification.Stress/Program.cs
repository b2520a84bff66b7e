// Stress harness for issue #12: repeats the TorchSharp training paths of the papers (RG mining and fine-tuning,
// AM code-model training, PC GRU token-classifier training) under conditions that expose tensor-lifetime bugs:
// a background thread forcing full garbage collections (finalizers run while native calls are in flight), several
// worker threads, and a progress thread. Not part of CI; run it by hand (see README, platform notes).
using System.Diagnostics;
using System.Runtime.InteropServices;
using Verification.Stress;

var options = StressOptions.Parse(args);
Console.WriteLine($"stress: {options}");
var result = StressRunner.Run(options);
Console.WriteLine(result);
return result.Failures == 0 ? 0 : 1;
