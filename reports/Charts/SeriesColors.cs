using ScottPlot;

namespace Analytics.Reports.Charts;

/// <summary>
/// One colour per source in every chart (Okabe–Ito, colour-blind safe), fixed for the known providers and
/// stable by name for any other, so telnyx is the same green in every chart of every report.
/// </summary>
internal static class SeriesColors
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["callr"] = "#0072B2",
        ["telnyx"] = "#009E73",
        ["televoips"] = "#E69F00",
        ["telgorithm"] = "#CC79A7",
        ["IN"] = "#56B4E9",
        ["OUT"] = "#D55E00",
        ["spend"] = "#0072B2",
    };

    private static readonly string[] Others = ["#F0E442", "#000000", "#999999", "#882255", "#44AA99", "#332288"];

    public static Color For(string series) => Color.FromHex(Known.TryGetValue(series, out var hex) ? hex : Others[StableHash(series) % Others.Length]);

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text.ToUpperInvariant())
            hash = unchecked((hash * 31) + c);
        return Math.Abs(hash % 1_000_003);
    }
}
