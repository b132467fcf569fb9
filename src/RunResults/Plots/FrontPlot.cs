using System.Globalization;
using NasPipeline.RunResults.Model;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace NasPipeline.RunResults.Plots;

/// <summary>
/// A run's fronts generation by generation: MACs (x, logarithmic when they span a decade or more) against each metric,
/// one panel per metric; later generations darker, the final front red and joined by a line (a mutation search: its
/// path, dashed, from the submitted network to the kept one), the submitted network a star; a circle is a predicted
/// value, a diamond a measured one, a square one the events do not trace.
/// </summary>
public static class FrontPlot
{
    public const double Width = 900;

    public static double Height(RunResult result) => 200 + 300 * Math.Max(1, result.Metrics.Count);

    public static string Svg(RunResult result) => SvgPlot.ToSvg(Model(result), Width, Height(result));

    public static PlotModel Model(RunResult result)
    {
        var metrics = result.Metrics;
        var model = new PlotModel
        {
            Title = result.Kind == RunKind.Onnx ? "Mutation search: the current network per round" : "Pareto front per generation",
            Subtitle = $"run {result.RunId}; later generations darker, {(result.Kind == RunKind.Onnx ? "kept network" : "final front")} red" +
                (result.Completed ? "" : " (not completed: latest front)"),
        };
        model.Legends.Add(SvgPlot.BottomLegend());
        var macs = result.Generations.SelectMany(g => g.Members).Concat(result.Front).Append(result.Submitted)
            .Select(r => r?.Macs).OfType<long>().Where(m => m > 0).ToList();
        model.Axes.Add(MacsAxis(macs));
        for (var j = 0; j < metrics.Count; j++)
        {
            model.Axes.Add(new LinearAxis
            {
                Key = AxisKey(j),
                Position = AxisPosition.Left,
                Title = metrics[j],
                StartPosition = j / (double)metrics.Count + (j > 0 ? 0.04 : 0),
                EndPosition = (j + 1) / (double)metrics.Count - (j < metrics.Count - 1 ? 0.04 : 0),
                MajorGridlineStyle = LineStyle.Dot,
                MinimumPadding = 0.05,
                MaximumPadding = 0.05,
                AxisTitleDistance = 12,
            });
        }

        if (metrics.Count == 0)
        {
            model.Axes.Add(new LinearAxis { Key = AxisKey(0), Position = AxisPosition.Left, Title = "no metric reported yet" });
        }

        var count = result.Generations.Count;
        for (var k = 0; k < count; k++)
        {
            AddPoints(model, result.Generations[k].Members, metrics, PlotColors.Generation(k, count), OxyColors.Undefined, size: 3.5);
        }

        if (result.Kind == RunKind.Onnx)
        {
            AddPathLines(model, result.Path, metrics);
        }

        AddPoints(model, result.Front, metrics, PlotColors.Final, PlotColors.Submitted, size: 6);
        if (result.Kind != RunKind.Onnx)
        {
            AddFrontLines(model, result.Front, metrics);
        }

        AddSubmitted(model, result.Submitted, metrics);
        AddKey(model, result, count);
        return model;
    }

    private static string AxisKey(int metric) => $"metric{metric}";

    private static Axis MacsAxis(IReadOnlyList<long> macs)
    {
        var decades = macs.Count > 0 && macs.Max() >= 10.0 * macs.Min();
        Axis axis = decades ? new LogarithmicAxis() : new LinearAxis();
        axis.Key = "macs";
        axis.Position = AxisPosition.Bottom;
        axis.Title = decades ? "MACs (log scale)" : "MACs";
        axis.MajorGridlineStyle = LineStyle.Dot;
        axis.LabelFormatter = SvgPlot.Si;
        axis.AxisTitleDistance = 12;
        axis.MinimumPadding = 0.03;
        axis.MaximumPadding = 0.03;
        return axis;
    }

    /// <summary>One scatter series per metric and value source, so a shape always means the same source.</summary>
    private static void AddPoints(PlotModel model, IReadOnlyList<FrontRow> rows, IReadOnlyList<string> metrics, OxyColor fill, OxyColor stroke, double size)
    {
        for (var j = 0; j < metrics.Count; j++)
        {
            var values = rows.Where(r => r.Macs > 0).Select(r => (r.Macs, Value: r.Value(metrics[j]))).Where(p => p.Value is not null).ToList();
            foreach (var group in values.GroupBy(p => p.Value!.Source))
            {
                var series = Series(group.Key, fill, stroke, size, j);
                series.Points.AddRange(group.Select(p => new ScatterPoint(p.Macs!.Value, p.Value!.Value)));
                model.Series.Add(series);
            }
        }
    }

    private static void AddFrontLines(PlotModel model, IReadOnlyList<FrontRow> front, IReadOnlyList<string> metrics)
    {
        for (var j = 0; j < metrics.Count; j++)
        {
            var line = new LineSeries
            {
                Title = j == 0 ? "final front" : null,
                Color = PlotColors.Final,
                StrokeThickness = 1.5,
                XAxisKey = "macs",
                YAxisKey = AxisKey(j),
            };
            line.Points.AddRange(front.Where(r => r.Macs > 0 && r.Value(metrics[j]) is not null).OrderBy(r => r.Macs)
                .Select(r => new DataPoint(r.Macs!.Value, r.Value(metrics[j])!.Value)));
            model.Series.Add(line);
        }
    }

    /// <summary>A mutation search's path, submitted network to kept one, in the order the search walked it.</summary>
    private static void AddPathLines(PlotModel model, IReadOnlyList<PathStep> path, IReadOnlyList<string> metrics)
    {
        for (var j = 0; j < metrics.Count; j++)
        {
            var line = new LineSeries
            {
                Title = j == 0 ? "path: submitted to kept" : null,
                Color = PlotColors.Key,
                LineStyle = LineStyle.Dash,
                StrokeThickness = 1,
                XAxisKey = "macs",
                YAxisKey = AxisKey(j),
            };
            line.Points.AddRange(path.Where(s => s.Macs > 0 && s.Metric(metrics[j]) is not null).Select(s => new DataPoint(s.Macs, s.Metric(metrics[j])!.Value)));
            model.Series.Add(line);
        }
    }

    private static void AddSubmitted(PlotModel model, FrontRow? submitted, IReadOnlyList<string> metrics)
    {
        var titled = false;
        for (var j = 0; j < metrics.Count; j++)
        {
            if (submitted is { Macs: > 0 } && submitted.Value(metrics[j]) is { } value)
            {
                var star = new ScatterSeries
                {
                    Title = titled ? null : "submitted network",
                    MarkerType = MarkerType.Star,
                    MarkerSize = 6,
                    MarkerStroke = PlotColors.Submitted,
                    MarkerStrokeThickness = 1.5,
                    XAxisKey = "macs",
                    YAxisKey = AxisKey(j),
                };
                star.Points.Add(new ScatterPoint(submitted.Macs.Value, value.Value));
                model.Series.Add(star);
                titled = true;
            }
        }
    }

    /// <summary>Legend entries with no points of their own: what each shape and the generation colours mean.</summary>
    private static void AddKey(PlotModel model, RunResult result, int generations)
    {
        var sources = result.Generations.SelectMany(g => g.Members).Concat(result.Front)
            .SelectMany(r => r.Values).Where(v => v.Source != ValueSource.Exact).Select(v => v.Source).Distinct().Order();
        foreach (var source in sources)
        {
            var key = Series(source, PlotColors.Key, OxyColors.Undefined, 4, 0);
            key.Title = source switch
            {
                ValueSource.Predicted => "predicted (circle)",
                ValueSource.Measured => "measured (diamond)",
                _ => "source not traced (square)",
            };
            model.Series.Add(key);
        }

        if (generations > 0)
        {
            foreach (var k in generations > 1 ? new[] { 0, generations - 1 } : [0])
            {
                var g = result.Generations[k];
                model.Series.Add(new LineSeries
                {
                    Title = string.Create(CultureInfo.InvariantCulture, $"generation {g.Generation}{(g.Iteration > 0 ? $" (iteration {g.Iteration})" : "")}"),
                    Color = PlotColors.Generation(k, generations),
                    StrokeThickness = 4,
                    XAxisKey = "macs",
                    YAxisKey = AxisKey(0),
                });
            }
        }
    }

    private static ScatterSeries Series(ValueSource source, OxyColor fill, OxyColor stroke, double size, int metric) => new()
    {
        MarkerType = PlotColors.Marker(source),
        MarkerFill = fill,
        MarkerStroke = stroke,
        MarkerStrokeThickness = stroke.IsUndefined() ? 0 : 1,
        MarkerSize = size,
        XAxisKey = "macs",
        YAxisKey = AxisKey(metric),
    };
}
