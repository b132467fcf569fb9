// libtorch's thread pool is process-wide; one test at a time keeps the 2 cores for the one running.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
