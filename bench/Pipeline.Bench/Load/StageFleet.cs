namespace NasPipeline.Bench.Load;

/// <summary>Replicas of every stage as separate processes, competing consumers on the same queues.</summary>
public sealed class StageFleet : IAsyncDisposable
{
    public static readonly IReadOnlyList<string> Stages = ["Stages.GraphExtract", "Stages.Search", "Stages.Predict", "Stages.PseudoLabel", "Stages.Adapt"];

    private readonly List<StageReplica> _replicas = [];

    private StageFleet()
    {
    }

    public IReadOnlyList<StageReplica> Replicas => _replicas;

    public static async Task<StageFleet> StartAsync(string root, int replicas, IReadOnlyDictionary<string, string> environment, string logFolder)
    {
        Directory.CreateDirectory(logFolder);
        var fleet = new StageFleet();
        foreach (var stage in Stages)
        {
            var dll = Path.Combine(root, "src", stage, "bin", "Release", "net10.0", $"{stage}.dll");
            if (!File.Exists(dll))
            {
                throw new FileNotFoundException($"{dll} is not built: run `dotnet build Pipeline.sln -c Release` first.", dll);
            }

            for (var i = 1; i <= replicas; i++)
            {
                var replica = new StageReplica(stage, i, dll, environment, Path.Combine(logFolder, $"{stage}-{i}.log"));
                fleet._replicas.Add(replica);
                replica.Start();
            }
        }

        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!fleet._replicas.All(r => r.Ready))
        {
            if (DateTime.UtcNow > deadline || fleet._replicas.Any(r => !r.Running))
            {
                var bad = string.Join(", ", fleet._replicas.Where(r => !r.Ready).Select(r => r.Name));
                await fleet.DisposeAsync();
                throw new InvalidOperationException($"stage processes not up in 3 minutes: {bad} (logs in {logFolder})");
            }

            await Task.Delay(500);
        }

        return fleet;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }
    }
}
