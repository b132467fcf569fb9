namespace NasPipeline.RunResults.Model;

/// <summary>The front a generation reported (for a mutation search, the network current after that round).</summary>
public sealed record GenerationFront(int Iteration, int Generation, IReadOnlyList<FrontRow> Members);
