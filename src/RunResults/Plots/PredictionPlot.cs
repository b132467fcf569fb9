using System.Globalization;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace NasPipeline.RunResults.Plots;

/// <summary>
/// `predictor eval --plot`: predicted against true values on each seed's test split, one colour per seed, the line
/// predicted = true for reference, and the SRCC over seeds (mean ± std) in the title.
/// </summary>
public static class PredictionPlot
{
    public const double Width = 800;
    public const double Height = 720;

    private static readonly OxyColor[] SeedColors =
    [
        OxyColor.FromRgb(0x1f, 0x77, 0xb4), OxyColor.FromRgb(0xff, 0x7f, 0x0e), OxyColor.FromRgb(0x2c, 0xa0, 0x2c),
        OxyColor.FromRgb(0x94, 0x67, 0xbd), OxyColor.FromRgb(0x8c, 0x56, 0x4b), OxyColor.FromRgb(0xe3, 0x77, 0xc2),
        OxyColor.FromRgb(0x7f, 0x7f, 0x7f), OxyColor.FromRgb(0xbc, 0xbd, 0x22), OxyColor.FromRgb(0x17, 0xbe, 0xcf),
    ];

    public static string Title(string model, string task, int trainSize, double srccMean, double srccStd) => string.Create(CultureInfo.InvariantCulture,
        $"{model} on {task}, train {trainSize}: SRCC {srccMean:F3} ± {srccStd:F3}");

    public static string Svg(string title, IReadOnlyList<PredictionSeries> seeds) => SvgPlot.ToSvg(Model(title, seeds), Width, Height);

    public static PlotModel Model(string title, IReadOnlyList<PredictionSeries> seeds)
    {
        var model = new PlotModel { Title = title, Subtitle = "each seed's test split: predicted against true" };
        model.Legends.Add(SvgPlot.BottomLegend());
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "true", MajorGridlineStyle = LineStyle.Dot, AxisTitleDistance = 12 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "predicted", MajorGridlineStyle = LineStyle.Dot, AxisTitleDistance = 12 });
        for (var k = 0; k < seeds.Count; k++)
        {
            var series = new ScatterSeries
            {
                Title = $"seed {seeds[k].Seed}",
                MarkerType = MarkerType.Circle,
                MarkerSize = 2.5,
                MarkerFill = OxyColor.FromAColor(170, SeedColors[k % SeedColors.Length]),
            };
            series.Points.AddRange(seeds[k].Truth.Zip(seeds[k].Predicted, (t, p) => new ScatterPoint(t, p)));
            model.Series.Add(series);
        }

        var values = seeds.SelectMany(s => s.Truth.Concat(s.Predicted)).Where(double.IsFinite).ToList();
        if (values.Count > 0)
        {
            var diagonal = new LineSeries { Title = "predicted = true", Color = OxyColors.Black, LineStyle = LineStyle.Dash, StrokeThickness = 1 };
            diagonal.Points.AddRange([new DataPoint(values.Min(), values.Min()), new DataPoint(values.Max(), values.Max())]);
            model.Series.Add(diagonal);
        }

        return model;
    }
}
