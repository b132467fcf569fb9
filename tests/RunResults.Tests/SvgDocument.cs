using System.Xml;
using System.Xml.Linq;
using NasPipeline.RunResults.Plots;

namespace NasPipeline.RunResults.Tests;

/// <summary>Reads an SVG as XML (a parse error fails the test) and counts its marker elements by fill colour.</summary>
public static class SvgDocument
{
    public static XDocument Parse(string svg)
    {
        using var reader = XmlReader.Create(new StringReader(svg), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    /// <summary>Filled shapes (circle: ellipse, diamond: polygon, square: rect) drawn in the final front's colour.</summary>
    public static IReadOnlyList<XElement> FinalMarkers(XDocument svg, string? shape = null)
    {
        var fill = $"fill:rgb({PlotColors.Final.R},{PlotColors.Final.G},{PlotColors.Final.B})";
        return svg.Descendants()
            .Where(e => e.Name.LocalName is "ellipse" or "polygon" or "rect" && (shape is null || e.Name.LocalName == shape))
            .Where(e => ((string?)e.Attribute("style"))?.Contains(fill, StringComparison.Ordinal) == true)
            .ToList();
    }

    public static IReadOnlyList<string> Texts(XDocument svg) =>
        svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
}
