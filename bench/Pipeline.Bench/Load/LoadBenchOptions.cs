namespace NasPipeline.Bench.Load;

/// <summary>
/// What `nasp-bench load` does: <paramref name="Submissions"/> runs submitted in bursts of <paramref name="BurstSize"/>,
/// <paramref name="BurstGapSeconds"/> apart, against <paramref name="Replicas"/> processes of each stage; a random stage
/// process is killed (SIGKILL) every <paramref name="KillEverySeconds"/> and started again, as a supervisor would; every
/// <paramref name="ServerRestartEverySeconds"/> RabbitMQ or PostgreSQL (in turn) goes down for
/// <paramref name="ServerDownSeconds"/>. <paramref name="BaselineSubmissions"/> runs go first with no fault, for the
/// runs-per-minute baseline. One run in <paramref name="MutationEvery"/> is a mutation run of a small ONNX network, the
/// others search-space point runs.
/// </summary>
public sealed record LoadBenchOptions(
    int Submissions = 1_000,
    int BurstSize = 100,
    int BurstGapSeconds = 5,
    int Replicas = 2,
    int KillEverySeconds = 20,
    int ServerRestartEverySeconds = 45,
    int ServerDownSeconds = 10,
    int BaselineSubmissions = 200,
    int MutationEvery = 5,
    int Seed = 1,
    int TimeoutMinutes = 120);
