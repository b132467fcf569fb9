using NasPipeline.ComputationGraph.Onnx.Proto;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace NasPipeline.OnnxNetworks.Tests;

/// <summary>Every libonnx-testdata model (Debian's copy of ONNX's backend tests) either runs in the interpreter to its
/// reference outputs, within 1e-4 of each output's scale, or is refused with an <see cref="OnnxNetworkException"/> that
/// names the operator; nothing crashes and nothing computes a wrong number.</summary>
public sealed class OnnxTestDataSweepTests(ITestOutputHelper output)
{
    private const string Root = "/usr/share/libonnx-testdata/data";

    [Fact]
    public void Every_model_agrees_with_its_reference_outputs_or_is_refused_with_a_typed_error()
    {
        Assert.True(Directory.Exists(Root), $"{Root} is missing: scripts/servers.sh installs libonnx-testdata (apt-get install libonnx-testdata).");
        var (agreed, refused, wrong) = (new List<string>(), new Dictionary<string, int>(), new List<string>());
        foreach (var path in Directory.EnumerateFiles(Root, "model.onnx", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(Path.GetDirectoryName(path))!;
            var folder = Path.Combine(Path.GetDirectoryName(path)!, "test_data_set_0");
            if (!Directory.Exists(folder))
            {
                continue;
            }

            using var scope = NewDisposeScope();
            try
            {
                var problem = Check(File.ReadAllBytes(path), folder);
                if (problem is null)
                {
                    agreed.Add(name);
                }
                else
                {
                    wrong.Add($"{name}: {problem}");
                }
            }
            catch (OnnxNetworkException e)
            {
                var key = e.Operator ?? "(model)";
                refused[key] = refused.GetValueOrDefault(key) + 1;
            }
            catch (Exception e)
            {
                wrong.Add($"{name}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            }
        }

        output.WriteLine($"agreed {agreed.Count}, refused {refused.Values.Sum()}, wrong or crashed {wrong.Count}");
        output.WriteLine("refused by operator: " + string.Join(", ", refused.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value}")));
        output.WriteLine("agreed: " + string.Join(" ", agreed));
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.True(agreed.Count >= 200, $"only {agreed.Count} models agreed");
    }

    private static string? Check(byte[] onnx, string folder)
    {
        using var network = OnnxNetwork.Load(onnx);
        network.eval();
        var model = ModelProto.Parser.ParseFrom(onnx);
        var inputs = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var declared = model.Graph.Input.Select(i => i.Name).Where(network.InputNames.Contains).ToList();
        for (var k = 0; k < declared.Count; k++)
        {
            var file = Path.Combine(folder, $"input_{k}.pb");
            if (File.Exists(file))
            {
                inputs[declared[k]] = TensorProtoConversion.ToTensor(TensorProto.Parser.ParseFrom(File.ReadAllBytes(file)), file);
            }
        }

        using var noGrad = no_grad();
        var outputs = network.Run(inputs);
        for (var k = 0; k < network.OutputNames.Count; k++)
        {
            var file = Path.Combine(folder, $"output_{k}.pb");
            if (!File.Exists(file))
            {
                continue;
            }

            var expected = TensorProtoConversion.ToTensor(TensorProto.Parser.ParseFrom(File.ReadAllBytes(file)), file);
            var actual = outputs[network.OutputNames[k]];
            if (!expected.shape.SequenceEqual(actual.shape))
            {
                return $"output {k} shape [{string.Join(",", actual.shape)}], expected [{string.Join(",", expected.shape)}]";
            }

            var (e, a) = (expected.to_type(ScalarType.Float64), actual.to_type(ScalarType.Float64));
            if (e.numel() == 0)
            {
                continue;
            }

            var scale = Math.Max(1.0, e.abs().nan_to_num().max().item<double>());
            var worst = e.sub(a).abs().nan_to_num(0.0, 0.0, 0.0).max().item<double>() / scale;
            var nanMismatch = !e.isnan().eq(a.isnan()).all().item<bool>();
            if (worst > 1e-4 || nanMismatch)
            {
                return $"output {k} differs by {worst:E2} of its scale{(nanMismatch ? " (NaN where the reference has none, or the reverse)" : "")}";
            }
        }

        return null;
    }
}
