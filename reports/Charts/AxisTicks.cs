using System.Globalization;

namespace Analytics.Reports.Charts;

/// <summary>"Nice" axis ticks: steps of 1, 2 or 5 × 10ⁿ from zero to at least the maximum.</summary>
internal static class AxisTicks
{
    /// <summary>Ticks 0, step, 2·step, … up to the first tick ≥ <paramref name="max"/>, about <paramref name="target"/> of them.</summary>
    public static IReadOnlyList<double> For(double max, int target = 5)
    {
        if (!(max > 0) || double.IsInfinity(max))
            return [0, 1];
        var step = NiceStep(max / target);
        var count = (int)Math.Ceiling((max / step) - 1e-9);
        return [.. Enumerable.Range(0, count + 1).Select(i => Math.Round(i * step, 10))];
    }

    /// <summary>The 1-2-5 step at or above <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / magnitude;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    /// <summary>A tick label with thousands separators and just the decimals the step needs (1,500 · 0.25).</summary>
    public static string Label(double value, double step)
    {
        var decimals = step >= 1 ? 0 : Math.Min(6, (int)Math.Ceiling(-Math.Log10(step) - 1e-9));
        return value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
