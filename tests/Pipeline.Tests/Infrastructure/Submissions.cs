using System.Security.Cryptography;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Contracts.Blobs;

namespace NasPipeline.Tests.Infrastructure;

public static class Submissions
{
    /// <summary>Puts the file in the blob store and returns a valid submission for it under a new run id.</summary>
    public static async Task<ModelSubmitted> OfFileAsync(IBlobStore blobs, string fixture, string input)
    {
        var bytes = await File.ReadAllBytesAsync(RepoPaths.Fixture(fixture));
        return await OfBytesAsync(blobs, bytes, fixture, input);
    }

    public static async Task<ModelSubmitted> OfBytesAsync(IBlobStore blobs, byte[] bytes, string fileName, string input)
    {
        var hash = await blobs.PutAsync(bytes, "application/onnx");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), hash);
        return new ModelSubmitted(
            Guid.NewGuid(),
            DateTimeOffset.UtcNow,
            new OnnxModelRef(hash, fileName, bytes.Length),
            null,
            [input],
            ["classification"],
            [new Objective("classification", ObjectiveDirection.Maximize), new Objective(CostNames.Macs, ObjectiveDirection.Minimize)],
            [new Constraint(CostNames.Macs, ConstraintOperator.AtMost, 0.8, true)],
            Seed: 7);
    }
}
