using MassTransit;
using NasPipeline.Contracts.Events;
using NasPipeline.Hosting.EventStore;

namespace NasPipeline.Bench.Load;

/// <summary>Submits as a user's producer must: the run's stream starts with the submission, then the submission is
/// published. Either step may meet a server that is down; both are retried until they succeed, so a submission may be
/// published twice (the stages must take it once).</summary>
public sealed class LoadSubmitter(RunEventWriter writer, IBus bus, TextWriter log)
{
    public int Retries { get; private set; }

    public async Task SubmitAsync(ModelSubmitted submission, CancellationToken cancellationToken)
    {
        await RetryAsync(async token =>
        {
            try
            {
                await writer.StartAsync(submission.RunId, [submission], token);
            }
            catch (RunAlreadyExistsException)
            {
                // An earlier try's write went through; its reply did not.
            }
        }, cancellationToken);
        await RetryAsync(token => bus.Publish(submission, token), cancellationToken);
    }

    private async Task RetryAsync(Func<CancellationToken, Task> step, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            try
            {
                await step(timeout.Token);
                return;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && attempt < 100)
            {
                Retries++;
                if (attempt == 1)
                {
                    log.WriteLine($"[load] submit retried ({e.GetType().Name}: {e.Message.Split('\n')[0]})");
                }

                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
    }
}
