namespace NasPipeline.TorchRuntime.Tests.ScalarAudit;

/// <summary>A place where a temporary Scalar reaches native code: the method, the IL offset and what happens there.</summary>
internal sealed record Finding(string Method, int Offset, string What)
{
    public override string ToString() => $"{Method} @IL_{Offset:x4}: {What}";
}
