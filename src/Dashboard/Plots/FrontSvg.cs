using System.Globalization;
using System.Text;
using NasPipeline.RunResults.Model;
using static NasPipeline.Dashboard.Html.Html;

namespace NasPipeline.Dashboard.Plots;

/// <summary>
/// A run's fronts as inline SVG, one panel per metric against MACs: every generation's members (light to dark as the
/// search goes on), the final front on top, joined by a line. A point's shape says where its value came from: a
/// circle predicted, a diamond measured, a square untraced. Each point names its candidate, so a browser (and the
/// browser test) can find them: <c>.front-point</c>, <c>.generation-point</c>, <c>.path-point</c>.
/// </summary>
public static class FrontSvg
{
    private const double Width = 640, Height = 360, Left = 70, Right = 20, Top = 30, Bottom = 50;

    public static string Render(RunResult result)
    {
        var metrics = result.Metrics.Count > 0 ? result.Metrics : result.Objectives;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"front-plot\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height * metrics.Count}\" viewBox=\"0 0 {Width} {Height * metrics.Count}\">\n");
        for (var i = 0; i < metrics.Count; i++)
        {
            svg.Append(Panel(result, metrics[i], i * Height));
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Panel(RunResult result, string metric, double offset)
    {
        var generations = result.Generations.SelectMany(g => g.Members.Select(m => (g.Generation, Point: Locate(m.Candidate, m.Macs, m.Value(metric)))))
            .Where(p => p.Point is not null).Select(p => (p.Generation, Point: p.Point!.Value)).ToList();
        var front = result.Front.Select(m => Locate(m.Candidate, m.Macs, m.Value(metric))).OfType<Located>().ToList();
        var path = result.Path.Select(s => Locate(s.Candidate, s.Macs, s.Metric(metric))).OfType<Located>().ToList();
        if (front.Count == 0 && result.Completed && path.Count > 0)
        {
            // A mutation search's front is the network it kept: the last step of its path.
            front = [path[^1]];
        }

        var all = generations.Select(g => g.Point).Concat(front).Concat(path).ToList();
        var panel = new StringBuilder();
        panel.Append(CultureInfo.InvariantCulture, $"<g class=\"panel\" data-metric=\"{E(metric)}\" transform=\"translate(0,{offset})\">\n");
        panel.Append(CultureInfo.InvariantCulture, $"<text class=\"title\" x=\"{Left}\" y=\"18\">{E(metric)} against MACs</text>\n");
        if (all.Count == 0)
        {
            panel.Append(CultureInfo.InvariantCulture, $"<text class=\"empty\" x=\"{Left}\" y=\"{Height / 2}\">no scored network yet</text>\n</g>\n");
            return panel.ToString();
        }

        var x = Axis.Of(all.Select(p => (double)p.Macs), logarithmic: true);
        var y = Axis.Of(all.Select(p => p.Value.Value), logarithmic: false);
        panel.Append(Frame(x, y, metric));
        var last = Math.Max(1, generations.Count == 0 ? 1 : generations.Max(g => g.Generation));
        foreach (var (generation, point) in generations)
        {
            var shade = 85 - (int)(50.0 * generation / last);
            panel.Append(Marker(point, x, y, "generation-point", 3, $"hsl(210,60%,{shade}%)", $" data-generation=\"{generation}\""));
        }

        if (path.Count > 1)
        {
            panel.Append(Line(path, x, y, "path-line"));
            panel.Append(string.Concat(path.Select(p => Marker(p, x, y, "path-point", 4, "#777", ""))));
        }

        if (front.Count > 1)
        {
            panel.Append(Line(front.OrderBy(p => p.Macs).ToList(), x, y, "front-line"));
        }

        panel.Append(string.Concat(front.Select(p => Marker(p, x, y, "front-point", 6, "#d62728", ""))));
        return panel.Append("</g>\n").ToString();
    }

    private static Located? Locate(string candidate, long? macs, ResultValue? value) =>
        macs is > 0 && value is not null && double.IsFinite(value.Value) ? new Located(candidate, macs.Value, value) : null;

    private static string Frame(Axis x, Axis y, string metric)
    {
        var frame = new StringBuilder();
        frame.Append(CultureInfo.InvariantCulture,
            $"<rect class=\"frame\" x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"none\" stroke=\"#999\"/>\n");
        foreach (var tick in x.Ticks())
        {
            var px = X(x, tick);
            frame.Append(CultureInfo.InvariantCulture,
                $"<text class=\"tick\" x=\"{px:0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{E(Si(tick))}</text>\n");
        }

        foreach (var tick in y.Ticks())
        {
            var py = Y(y, tick);
            frame.Append(CultureInfo.InvariantCulture,
                $"<text class=\"tick\" x=\"{Left - 6}\" y=\"{py + 4:0.#}\" text-anchor=\"end\">{E(Number(tick))}</text>\n");
        }

        frame.Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 12}\" text-anchor=\"middle\">MACs{(x.Logarithmic ? " (log)" : "")}</text>\n");
        frame.Append(CultureInfo.InvariantCulture,
            $"<text class=\"label\" x=\"14\" y=\"{(Top + Height - Bottom) / 2}\" transform=\"rotate(-90 14 {(Top + Height - Bottom) / 2})\" text-anchor=\"middle\">{E(metric)}</text>\n");
        return frame.ToString();
    }

    private static string Marker(Located point, Axis x, Axis y, string kind, double size, string colour, string extra)
    {
        var (px, py) = (X(x, point.Macs), Y(y, point.Value.Value));
        var source = point.Value.Source.ToString().ToLowerInvariant();
        var title = $"<title>{E(point.Candidate)}: {E(point.Value.Name)} {Number(point.Value.Value)} ({source}{(point.Value.By is { } by ? $", {E(by)}" : "")}), {Si(point.Macs)} MACs</title>";
        var attributes = string.Create(CultureInfo.InvariantCulture, $"class=\"{kind} {source}\" data-candidate=\"{E(point.Candidate)}\"{extra} fill=\"{colour}\"");
        return point.Value.Source switch
        {
            ValueSource.Measured => string.Create(CultureInfo.InvariantCulture,
                $"<polygon {attributes} points=\"{px:0.##},{py - size:0.##} {px + size:0.##},{py:0.##} {px:0.##},{py + size:0.##} {px - size:0.##},{py:0.##}\">{title}</polygon>\n"),
            ValueSource.Predicted => string.Create(CultureInfo.InvariantCulture, $"<circle {attributes} cx=\"{px:0.##}\" cy=\"{py:0.##}\" r=\"{size * 0.8:0.##}\">{title}</circle>\n"),
            _ => string.Create(CultureInfo.InvariantCulture,
                $"<rect {attributes} x=\"{px - size * 0.7:0.##}\" y=\"{py - size * 0.7:0.##}\" width=\"{size * 1.4:0.##}\" height=\"{size * 1.4:0.##}\">{title}</rect>\n"),
        };
    }

    private static string Line(IReadOnlyList<Located> points, Axis x, Axis y, string kind) =>
        $"<polyline class=\"{kind}\" fill=\"none\" points=\"{string.Join(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(x, p.Macs):0.##},{Y(y, p.Value.Value):0.##}")))}\"/>\n";

    private static double X(Axis axis, double value) => Left + axis.Fraction(value) * (Width - Left - Right);

    private static double Y(Axis axis, double value) => Height - Bottom - axis.Fraction(value) * (Height - Top - Bottom);

    private static string Si(double value) => value switch
    {
        >= 1e9 => (value / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + "G",
        >= 1e6 => (value / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 1e3 => (value / 1e3).ToString("0.##", CultureInfo.InvariantCulture) + "k",
        _ => value.ToString("0.##", CultureInfo.InvariantCulture),
    };

    private readonly record struct Located(string Candidate, long Macs, ResultValue Value);
}
