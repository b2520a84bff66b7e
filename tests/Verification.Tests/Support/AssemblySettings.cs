// Test classes run in parallel again. The serial setting that stood here was a workaround for intermittent native
// errors whose one root cause (TorchSharp temporaries finalized mid-call) is fixed by build/TorchSharpLiveness.targets
// (docs/PLATFORM.md). The expensive part of the suite, every claim at CI scale, runs once on all cores in CiScaleRun
// through the scheduler of `verify --jobs`. Tests that set process-wide state on purpose (DeviceThreadingTests' default
// device) sit in a collection that xunit runs alone.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerClass, MaxParallelThreads = 2)]
