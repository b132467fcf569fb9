using NasPipeline.Hosting;
using NasPipeline.Stages.Predict;
using NasPipeline.TorchRuntime;

// Before anything allocates: a very large network's tensors are then given back when freed (see NativeHeap).
NativeHeap.FixMmapThreshold();
return await PipelineHost.RunAsync(args, new PredictStage());
