using System.Reflection;
using ScottPlot;
using SkiaSharp;

namespace Analytics.Reports.Charts;

/// <summary>
/// DejaVu Sans shipped inside this assembly (Bitstream Vera licence, Charts/Fonts/LICENSE.DejaVu.txt) and made
/// ScottPlot's default: ScottPlot draws no text at all, silently, when it finds no font, and a server may have
/// none installed. ScottPlot keeps its fonts in static state, so registration happens once per process.
/// </summary>
internal sealed class ChartFont : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private static readonly Lock Gate = new();
    private static bool _registered;
    private readonly byte[] _regular = Resource("DejaVuSans.ttf");
    private readonly byte[] _bold = Resource("DejaVuSans-Bold.ttf");

    /// <summary>Registers the shipped font with ScottPlot and makes it the default (idempotent).</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered)
                return;
            Fonts.FontResolvers.Insert(0, new ChartFont());
            Fonts.Default = Family;
            Fonts.Sans = Family;
            _registered = true;
        }
    }

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
        CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        string.Equals(fontName, Family, StringComparison.OrdinalIgnoreCase)
            ? SKTypeface.FromData(SKData.CreateCopy(bold ? _bold : _regular))
            : null;

    private static byte[] Resource(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Analytics.Reports.Fonts." + file)
            ?? throw new InvalidOperationException($"the embedded font {file} is missing from the build");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
