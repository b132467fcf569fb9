using NasPipeline.Adaptation.Planning;
using NasPipeline.Contracts.Blobs;
using NasPipeline.Supernet;
using NasPipeline.TorchRuntime;
using NasPipeline.Vision.Tasks;
using static TorchSharp.torch;

namespace NasPipeline.Stages.PseudoLabel;

/// <summary>Shared heads as blobs (TorchSharp's module format): written once per (run, task), read back for every label
/// of the task; the last one read is kept, since a run's labels come task by task.</summary>
public sealed class SharedHeads(IBlobStore blobs)
{
    public const string MediaType = "application/x-nasp-shared-head";

    private (string Hash, string Task, nn.Module<Tensor[], Tensor> Head)? _last;

    public Task<string> PutAsync(nn.Module<Tensor[], Tensor> head, CancellationToken cancellationToken) =>
        blobs.PutAsync(ModuleBytes.Save(head), MediaType, cancellationToken);

    /// <summary>The head of the blob, built for the task over the supernet's features; read only.</summary>
    public async Task<nn.Module<Tensor[], Tensor>> GetAsync(string hash, IVisionTask task, ISupernet supernet, CancellationToken cancellationToken)
    {
        if (_last is { } last && last.Hash == hash && last.Task == task.Name)
        {
            return last.Head;
        }

        var bytes = await blobs.GetAsync(hash, cancellationToken)
            ?? throw new AdaptationException($"The shared head blob {hash} is not in the blob store.");
        var head = task.CreateHead(supernet.Features);
        ModuleBytes.Load(head, bytes);
        head.eval();
        _last?.Head.Dispose();
        _last = (hash, task.Name, head);
        return head;
    }
}
