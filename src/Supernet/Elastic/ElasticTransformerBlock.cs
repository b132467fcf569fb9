using NasPipeline.TorchRuntime;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Elastic;

/// <summary>
/// A pre-norm transformer layer on a feature map [N, C, H, W] with elastic width (the input's channels; heads of
/// fixed size), elastic MLP ratio and window count (windows x windows local attention, 1 = global). With
/// switchable scaling on, each residual branch is scaled per configuration (NASViT).
/// </summary>
public sealed class ElasticTransformerBlock : nn.Module<Tensor, Tensor>
{
    private readonly ElasticLayerNorm _attentionNorm;
    private readonly ElasticLinear _query;
    private readonly ElasticLinear _key;
    private readonly ElasticLinear _value;
    private readonly ElasticLinear _output;
    private readonly ElasticLayerNorm _mlpNorm;
    private readonly ElasticLinear _hidden;
    private readonly ElasticLinear _mlpOutput;
    private readonly SwitchableScaling? _attentionScale;
    private readonly SwitchableScaling? _mlpScale;

    public ElasticTransformerBlock(IReadOnlyList<int> widths, IReadOnlyList<int> mlpRatios, int headSize, bool switchableScaling, Generator generator)
        : base(nameof(ElasticTransformerBlock))
    {
        var maxWidth = widths.Max();
        var maxHidden = maxWidth * mlpRatios.Max();
        HeadSize = headSize;
        MlpRatio = mlpRatios.Max();
        _attentionNorm = new ElasticLayerNorm(maxWidth);
        _query = new ElasticLinear(maxWidth, maxWidth, generator);
        _key = new ElasticLinear(maxWidth, maxWidth, generator);
        _value = new ElasticLinear(maxWidth, maxWidth, generator);
        _output = new ElasticLinear(maxWidth, maxWidth, generator);
        _mlpNorm = new ElasticLayerNorm(maxWidth);
        _hidden = new ElasticLinear(maxWidth, maxHidden, generator);
        _mlpOutput = new ElasticLinear(maxHidden, maxWidth, generator);
        register_module("attention_norm", _attentionNorm);
        register_module("query", _query);
        register_module("key", _key);
        register_module("value", _value);
        register_module("output", _output);
        register_module("mlp_norm", _mlpNorm);
        register_module("mlp_hidden", _hidden);
        register_module("mlp_output", _mlpOutput);
        if (switchableScaling)
        {
            var configurations = widths.SelectMany(w => mlpRatios.Select(r => (ConfigurationKey(w, r), w))).ToList();
            _attentionScale = new SwitchableScaling(configurations);
            _mlpScale = new SwitchableScaling(configurations);
            register_module("attention_scale", _attentionScale);
            register_module("mlp_scale", _mlpScale);
        }
    }

    public int HeadSize { get; }

    public int MlpRatio { get; set; }

    public int Windows { get; set; } = 1;

    public static string ConfigurationKey(int width, int mlpRatio) => $"w{width}_r{mlpRatio}";

    public override Tensor forward(Tensor input)
    {
        var (n, c, h, w) = ((int)input.shape[0], (int)input.shape[1], (int)input.shape[2], (int)input.shape[3]);
        if (c % HeadSize != 0)
        {
            throw new InvalidOperationException($"Width {c} is not a multiple of the head size {HeadSize}.");
        }

        var key = ConfigurationKey(c, MlpRatio);
        _attentionScale?.ActiveKey = key;
        _mlpScale?.ActiveKey = key;
        _query.ActiveOut = _key.ActiveOut = _value.ActiveOut = _output.ActiveOut = _mlpOutput.ActiveOut = c;
        _hidden.ActiveOut = c * MlpRatio;

        var tokens = input.flatten(2).transpose(1, 2); // [N, HW, C]
        var attention = Attend(_attentionNorm.forward(tokens), n, h, w, c);
        tokens = tokens.add(_attentionScale?.forward(attention) ?? attention, HeldScalars.One);
        var mlp = _mlpOutput.forward(nn.functional.gelu(_hidden.forward(_mlpNorm.forward(tokens))));
        tokens = tokens.add(_mlpScale?.forward(mlp) ?? mlp, HeldScalars.One);
        return tokens.transpose(1, 2).reshape(n, c, h, w);
    }

    private Tensor Attend(Tensor tokens, int n, int h, int w, int c)
    {
        // Window partition: the grid is split into Windows x Windows tiles (smaller when the map is), each attending within itself.
        var rows = Math.Min(Windows, h);
        var cols = Math.Min(Windows, w);
        if (h % rows != 0 || w % cols != 0)
        {
            rows = cols = 1;
        }

        var (wh, ww) = (h / rows, w / cols);
        var windows = tokens.reshape(n, rows, wh, cols, ww, c).permute(0, 1, 3, 2, 4, 5).reshape(n * rows * cols, wh * ww, c);
        var heads = c / HeadSize;
        Tensor Split(Tensor t) => t.reshape(t.shape[0], t.shape[1], heads, HeadSize).transpose(1, 2);
        var q = Split(_query.forward(windows));
        var k = Split(_key.forward(windows));
        var v = Split(_value.forward(windows));
        using var scale = (1.0 / Math.Sqrt(HeadSize)).ToScalar();
        var weights = q.matmul(k.transpose(-2, -1)).mul(scale).softmax(-1);
        var attended = weights.matmul(v).transpose(1, 2).reshape(n * rows * cols, wh * ww, c);
        var merged = attended.reshape(n, rows, cols, wh, ww, c).permute(0, 1, 3, 2, 4, 5).reshape(n, h * w, c);
        return _output.forward(merged);
    }
}
