// TorchSharp work from several xunit threads at once corrupted native state here (nondeterministic libtorch errors
// such as "Unknown scalar type" inside AdamW training when the papers' training claims ran in parallel). Tests run
// one at a time; the properties project runs in its own process beside this one.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
