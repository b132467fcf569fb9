// Timings taken side by side would disturb each other: one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
