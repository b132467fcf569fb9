using NasPipeline.Bench;

// nasp-bench [search-decide [--json]|graph|store|bus|training|rbf|gnn|default-predictor|supernet|supernet-speed|supernet-accuracy [--json] [--no-controls] [--save-checkpoint PATH] [--random-subnets N] [--student-losses mean|sum] [--no-projection] [--shared-resolution] [--kernel-transforms]|supernet-fidelity --checkpoint PATH [--truth-records PATH] [--interim] [--calibration-batches N]|supernet-truth [--truth-records PATH] [--shard K/N] [--report] [--standalone-images N] [--standalone-epochs N]|supernet-ablation|supernet-optimizer|supernet-recipe|latency [--space S]|nat-claim --checkpoint PATH [--seeds N] [--first-seed S]|fna-claim [--tasks T,T] [--seeds N] [--images N] [--eval-images N] [--seed-epochs N] [--search-epochs N] [--fine-tune-epochs N]|pseudo-label-claim [--tasks T,T] [--networks N] [--checkpoint PATH] [--supernet-images N] [--head-steps N] [--fine-tune-steps N] [--standalone-epochs N] [--standalone-images N] [--eval-images N] [--records PATH] [--save-body PATH] [--second-truth]|pseudo-label-adapter --records PATH [--seeds 1,2,3]|network-pseudo-labels --model PATH [--input 1x1x28x28] [--task T] [--networks N] [--rounds R] [--seed S] [--checkpoint PATH] [--truth-images N] [--truth-epochs N] [--eval-images N] [--records PATH]|distilled-fine-tune --model PATH [--networks N] [--edits-per-step K] [--chain-seed S] [--seeds 1,2] [--images N] [--weight W] [--eval-images N] [--records PATH]|dataset-scale [--networks N]|all] [--quick] [--threads N]
// ("default-predictor" trains the Predict stage's default once per recipe, --recipes 1000x40x20,...; not part of "all")
// ("supernet" = accuracy, then ranking fidelity on the same supernet, speed and the ablation; not part of "all": it trains for
// about an hour; --epochs N sets its budget, --no-fidelity skips the 20 x 2 stand-alone trainings; --space S the accuracy run's space; --save-checkpoint PATH keeps its supernet for supernet-fidelity; --threads N sets torch's threads, default 2; --images N supernet-recipe's training images, --eval-images N the validation images;
// "supernet-recipe" is issue 12's recipe ablation, about 25 min on one thread): prints markdown tables and writes bench/results/pipeline.json (bench/results/MODE.json for supernet modes).
var which = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
string? Text(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
int? Whole(string name) => Text(name) is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : null;
var quick = args.Contains("--quick");
var root = FindRoot();
if (which is "search-decide")
{
    var generations = quick ? new[] { 10, 40 } : [10, 40, 160, 320];
    var figures = SearchDecideBench.Measure(generations);
    if (args.Contains("--json"))
    {
        Console.WriteLine(SearchDecideBench.Json(figures));
        return 0;
    }

    SearchDecideBench.Table(figures).Print(Console.Out);
    return 0;
}

if (which is "dataset-scale-case")
{
    return NasPipeline.Bench.Data.DatasetScaleBench.RunCase(Text("--case")!, Text("--file")!, Whole("--networks")!.Value);
}

var tables = new List<BenchTable>();
if (which is "dataset-scale")
{
    tables.Add(NasPipeline.Bench.Data.DatasetScaleBench.Run(root, Whole("--networks") ?? 15_625));
}

if (which is "large-graph-case")
{
    return NasPipeline.Bench.Scale.LargeGraphBench.RunCase(Text("--case")!, Whole("--nodes")!.Value, Whole("--copies")!.Value);
}

if (which is "large-graph" && Text("--write") is { } largeGraphFile)
{
    // The same network as a file, e.g. to submit it: nasp submit FILE --input 1x8x8x8 --tasks classification.
    File.WriteAllBytes(largeGraphFile, NasPipeline.Bench.Scale.LargeGraphs.Residual(Whole("--nodes") ?? 50_000));
    Console.WriteLine($"wrote {largeGraphFile} (input {NasPipeline.Bench.Scale.LargeGraphs.Input})");
    return 0;
}

if (which is "large-graph")
{
    tables.Add(NasPipeline.Bench.Scale.LargeGraphBench.Run(Whole("--nodes") ?? 50_000, Whole("--copies") ?? 8));
}

if (which is "load")
{
    var load = new NasPipeline.Bench.Load.LoadBenchOptions();
    load = load with
    {
        Submissions = Whole("--submissions") ?? load.Submissions,
        BurstSize = Whole("--burst") ?? load.BurstSize,
        BurstGapSeconds = Whole("--burst-gap") ?? load.BurstGapSeconds,
        Replicas = Whole("--replicas") ?? load.Replicas,
        KillEverySeconds = Whole("--kill-every") ?? load.KillEverySeconds,
        ServerRestartEverySeconds = Whole("--restart-every") ?? load.ServerRestartEverySeconds,
        ServerDownSeconds = Whole("--down-for") ?? load.ServerDownSeconds,
        BaselineSubmissions = Whole("--baseline") ?? load.BaselineSubmissions,
        MutationEvery = Whole("--mutation-every") ?? load.MutationEvery,
        Seed = Whole("--seed") ?? load.Seed,
        TimeoutMinutes = Whole("--timeout-minutes") ?? load.TimeoutMinutes,
    };
    return await NasPipeline.Bench.Load.LoadBench.RunAsync(root, load, Console.Out);
}

if (which is "graph" or "all")
{
    tables.Add(GraphExtractionBench.Run(Path.Combine(root, "tests", "fixtures", "onnx"), quick ? 3 : 15));
}

if (which is "rbf" or "all")
{
    tables.Add(RbfEnsembleBench.Run(quick ? [100] : [100, 1000]));
}

if (which is "gnn" or "all")
{
    tables.Add(GnnScoringBench.Run(Path.Combine(root, "tests", "fixtures", "onnx"), graphs: quick ? 64 : 256, repeats: quick ? 3 : 7));
}

if (which is "default-predictor")
{
    var recipes = args.SkipWhile(a => a != "--recipes").Skip(1).FirstOrDefault()?.Split(',') ?? ["250x40x20", "500x40x20", "1000x40x20", "1000x80x40", "2000x40x20"];
    tables.Add(DefaultPredictorBench.Run(root, recipes, threads: Math.Min(Environment.ProcessorCount, 4)));
}

if (which is "nat-claim")
{
    var checkpoint = args.SkipWhile(a => a != "--checkpoint").Skip(1).FirstOrDefault()
        ?? throw new ArgumentException("nat-claim needs --checkpoint PATH: a trained supernet, e.g. from supernet-accuracy --save-checkpoint PATH.");
    NasPipeline.TorchRuntime.TorchEnvironment.Initialise(new NasPipeline.TorchRuntime.TorchOptions { Threads = Whole("--threads") ?? 2, Device = NasPipeline.TorchRuntime.TorchDeviceKind.Cpu });
    var defaults = quick ? NasPipeline.Bench.Nat.NatClaimOptions.Quick : new();
    var natOptions = defaults with { Seeds = Whole("--seeds") ?? defaults.Seeds, FirstSeed = Whole("--first-seed") ?? defaults.FirstSeed };
    tables.Add(NasPipeline.Bench.Nat.NatClaimBench.Run(File.ReadAllBytes(checkpoint), natOptions));
}

if (which is "fna-claim")
{
    var threads = args.SkipWhile(a => a != "--threads").Skip(1).FirstOrDefault() is { } t ? int.Parse(t, System.Globalization.CultureInfo.InvariantCulture) : 2;
    NasPipeline.TorchRuntime.TorchEnvironment.Initialise(new NasPipeline.TorchRuntime.TorchOptions { Threads = threads, Device = NasPipeline.TorchRuntime.TorchDeviceKind.Cpu });
    var fnaTasks = (args.SkipWhile(a => a != "--tasks").Skip(1).FirstOrDefault() ?? "classification,segmentation").Split(',');
    var fnaOptions = quick ? NasPipeline.Bench.Fna.FnaClaimOptions.Quick(fnaTasks) : new NasPipeline.Bench.Fna.FnaClaimOptions(fnaTasks);
    fnaOptions = fnaOptions with
    {
        Seeds = Whole("--seeds") ?? fnaOptions.Seeds,
        TrainImages = Whole("--images") ?? fnaOptions.TrainImages,
        TestImages = Whole("--eval-images") ?? fnaOptions.TestImages,
        SeedEpochs = Whole("--seed-epochs") ?? fnaOptions.SeedEpochs,
        SearchEpochs = Whole("--search-epochs") ?? fnaOptions.SearchEpochs,
        FineTuneEpochs = Whole("--fine-tune-epochs") ?? fnaOptions.FineTuneEpochs,
    };
    tables.Add(NasPipeline.Bench.Fna.FnaClaimBench.Run(fnaOptions));
}

if (which is "pseudo-label-claim")
{
    NasPipeline.TorchRuntime.TorchEnvironment.Initialise(new NasPipeline.TorchRuntime.TorchOptions { Threads = Whole("--threads") ?? 2, Device = NasPipeline.TorchRuntime.TorchDeviceKind.Cpu });
    var defaults = new NasPipeline.Bench.PseudoLabels.PseudoLabelClaimOptions((Text("--tasks") ?? "segmentation,keypoints,detection").Split(','));
    tables.Add(NasPipeline.Bench.PseudoLabels.PseudoLabelClaimBench.Run(defaults with
    {
        Networks = Whole("--networks") ?? defaults.Networks,
        Checkpoint = Text("--checkpoint"),
        SupernetImages = Whole("--supernet-images") ?? defaults.SupernetImages,
        HeadSteps = Whole("--head-steps") ?? defaults.HeadSteps,
        FineTuneSteps = Whole("--fine-tune-steps") ?? defaults.FineTuneSteps,
        StandaloneEpochs = Whole("--standalone-epochs") ?? defaults.StandaloneEpochs,
        StandaloneImages = Whole("--standalone-images") ?? defaults.StandaloneImages,
        EvaluationImages = Whole("--eval-images") ?? defaults.EvaluationImages,
        Records = Text("--records"),
        SaveBody = Text("--save-body"),
        SecondTruth = args.Contains("--second-truth"),
    }));
}

if (which is "distilled-fine-tune")
{
    NasPipeline.TorchRuntime.TorchEnvironment.Initialise(new NasPipeline.TorchRuntime.TorchOptions { Threads = Whole("--threads") ?? 2, Device = NasPipeline.TorchRuntime.TorchDeviceKind.Cpu });
    var defaults = new NasPipeline.Bench.Fna.DistilledFineTuneOptions(
        Text("--model") ?? throw new ArgumentException("distilled-fine-tune needs --model PATH: an ONNX network with its weights (e.g. from nasp chain train)."));
    tables.Add(NasPipeline.Bench.Fna.DistilledFineTuneBench.Run(defaults with
    {
        Input = Text("--input") ?? defaults.Input,
        Task = Text("--task") ?? defaults.Task,
        Networks = Whole("--networks") ?? defaults.Networks,
        EditsPerStep = Whole("--edits-per-step") ?? defaults.EditsPerStep,
        ChainSeed = Whole("--chain-seed") ?? defaults.ChainSeed,
        Seeds = Text("--seeds") is { } seeds ? [.. seeds.Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))] : null,
        TrainImages = Whole("--images") ?? defaults.TrainImages,
        Weight = Text("--weight") is { } weight ? double.Parse(weight, System.Globalization.CultureInfo.InvariantCulture) : defaults.Weight,
        EvaluationImages = Whole("--eval-images") ?? defaults.EvaluationImages,
        Records = Text("--records"),
    }));
}

if (which is "network-pseudo-labels")
{
    NasPipeline.TorchRuntime.TorchEnvironment.Initialise(new NasPipeline.TorchRuntime.TorchOptions { Threads = Whole("--threads") ?? 2, Device = NasPipeline.TorchRuntime.TorchDeviceKind.Cpu });
    var defaults = new NasPipeline.Bench.PseudoLabels.NetworkPseudoLabelOptions(
        Text("--model") ?? throw new ArgumentException("network-pseudo-labels needs --model PATH: an ONNX network with its weights (e.g. from nasp chain train)."));
    tables.Add(NasPipeline.Bench.PseudoLabels.NetworkPseudoLabelBench.Run(defaults with
    {
        Input = Text("--input") ?? defaults.Input,
        Task = Text("--task") ?? defaults.Task,
        Networks = Whole("--networks") ?? defaults.Networks,
        Rounds = Whole("--rounds") ?? defaults.Rounds,
        Seed = Whole("--seed") ?? defaults.Seed,
        Checkpoint = Text("--checkpoint"),
        HeadSteps = Whole("--head-steps") ?? defaults.HeadSteps,
        FineTuneSteps = Whole("--fine-tune-steps") ?? defaults.FineTuneSteps,
        TruthImages = Whole("--truth-images") ?? defaults.TruthImages,
        TruthEpochs = Whole("--truth-epochs") ?? defaults.TruthEpochs,
        EvaluationImages = Whole("--eval-images") ?? defaults.EvaluationImages,
        Records = Text("--records"),
    }));
}

if (which is "pseudo-label-adapter")
{
    NasPipeline.TorchRuntime.TorchEnvironment.Initialise(new NasPipeline.TorchRuntime.TorchOptions { Threads = Whole("--threads") ?? 2, Device = NasPipeline.TorchRuntime.TorchDeviceKind.Cpu });
    var seeds = (Text("--seeds") ?? "1,2,3").Split(',').Select(t => int.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToList();
    tables.Add(NasPipeline.Bench.PseudoLabels.PseudoLabelAdapterBench.Run(root, Text("--records") ?? throw new ArgumentException("pseudo-label-adapter needs --records PATH (pseudo-label-claim's records)"), seeds));
}

if (which is "latency")
{
    var space = args.SkipWhile(a => a != "--space").Skip(1).FirstOrDefault() ?? "mbv3-28";
    tables.Add(LatencyBench.Run(space, subnets: quick ? 5 : 50));
}

if (which is "training" or "all")
{
    tables.Add(NasPipeline.Bench.Training.TrainingThroughputBench.Run(root, threads: 2, batch: 128, steps: quick ? 10 : 30));
}

tables.AddRange(NasPipeline.Bench.Supernet.SupernetBenchSuite.Run(which, quick, args, out var supernetJson));
if (supernetJson is not null)
{
    // stdout is the JSON alone, for scripts; the tables go to stderr.
    tables.ForEach(t => t.Print(Console.Error));
    Console.WriteLine(supernetJson);
    return 0;
}

var postgres = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres");
var rabbit = Environment.GetEnvironmentVariable("RabbitMq__Uri");
if (which is "store" or "all")
{
    if (postgres is null)
    {
        Console.Error.WriteLine("store: skipped (ConnectionStrings__Postgres not set; run through ./scripts/bench.sh)");
    }
    else
    {
        tables.Add(await EventStoreBench.RunAsync(postgres, quick ? 50 : 500, 10));
    }
}

if (which is "bus" or "all")
{
    if (rabbit is null)
    {
        Console.Error.WriteLine("bus: skipped (RabbitMq__Uri not set; run through ./scripts/bench.sh)");
    }
    else
    {
        tables.Add(await BusBench.RunAsync(new Uri(rabbit), quick ? 1_000 : 10_000));
    }
}

Console.WriteLine($"# nasp-bench on {Environment.ProcessorCount} cores, {DateTime.UtcNow:u}");
foreach (var table in tables)
{
    table.Print(Console.Out);
}

var jsonPath = Path.Combine(root, "bench", "results", which.StartsWith("supernet", StringComparison.Ordinal) || which is "default-predictor" or "fna-claim" or "pseudo-label-claim" or "pseudo-label-adapter" or "network-pseudo-labels" or "distilled-fine-tune" or "dataset-scale" or "large-graph" ? $"{which}.json" : "pipeline.json");
BenchTable.WriteJson(jsonPath, tables);
Console.WriteLine();
Console.WriteLine($"wrote {jsonPath}");
return 0;

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Pipeline.sln not found above the benchmark's folder.");
}
