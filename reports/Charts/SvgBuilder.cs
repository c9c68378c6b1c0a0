using System.Globalization;
using System.Security;
using System.Text;

namespace Analytics.Reports.Charts;

/// <summary>Appends SVG elements with invariant, 1-decimal coordinates and escaped text.</summary>
internal sealed class SvgBuilder
{
    public const string FontFamily = "DejaVu Sans, Arial, sans-serif";
    private readonly StringBuilder _svg = new();

    public SvgBuilder(int width, int height)
    {
        _svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"{FontFamily}\">\n");
        _svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n");
    }

    public void Text(double x, double y, string text, int size, string anchor = "start", string weight = "normal", string fill = "#222222", bool rotate = false)
    {
        var transform = rotate ? $" transform=\"rotate(-90 {N(x)} {N(y)})\"" : "";
        var bold = weight == "normal" ? "" : $" font-weight=\"{weight}\"";
        _svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{N(x)}\" y=\"{N(y)}\" font-size=\"{size}\" text-anchor=\"{anchor}\" fill=\"{fill}\"{bold}{transform}>{SecurityElement.Escape(text)}</text>\n");
    }

    public void Rect(double x, double y, double width, double height, string fill) =>
        _svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(Math.Max(0, width))}\" height=\"{N(Math.Max(0, height))}\" fill=\"{fill}\"/>\n");

    public void Line(double x1, double y1, double x2, double y2, string stroke) =>
        _svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\" stroke-width=\"1\"/>\n");

    public void Polyline(IEnumerable<(double X, double Y)> points, string stroke) =>
        _svg.Append(CultureInfo.InvariantCulture,
            $"<polyline points=\"{string.Join(' ', points.Select(p => N(p.X) + "," + N(p.Y)))}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"2\"/>\n");

    public void Circle(double x, double y, double r, string fill) =>
        _svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"{N(r)}\" fill=\"{fill}\"/>\n");

    public override string ToString() => _svg + "</svg>\n";

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
