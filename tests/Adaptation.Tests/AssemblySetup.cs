// Tests share libtorch's process-wide thread pool and seeds: one at a time, so a bit-exact comparison compares like with like.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
