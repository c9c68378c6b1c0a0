using System.Globalization;

namespace Analytics.Reports.Trust;

/// <summary>
/// How a person reads each kind of alert: its name, its figure, and what that figure is compared with, which is not
/// the same for every rule (a 7-day average, the 7 days' ASR, days with traffic, the provider's own total). CSV and
/// JSON keep the rule's key and the bare numbers.
/// </summary>
internal static class AlertKinds
{
    /// <summary>"Spend spike" for <c>spend_spike</c>.</summary>
    public static string Label(string rule) => rule switch
    {
        Alert.SpendSpike => "Spend spike",
        Alert.AsrDrop => "ASR drop",
        Alert.SilentSource => "No traffic",
        ReconciliationAlerts.Rule => "Provider total differs",
        _ => rule.Replace('_', ' '),
    };

    /// <summary>The day's figure: an ASR as a percentage, a count whole, money with cents.</summary>
    public static string Figure(string rule, decimal value) => rule switch
    {
        Alert.AsrDrop => Percent(value),
        Alert.SilentSource => value.ToString("N0", CultureInfo.InvariantCulture),
        _ => value.ToString("#,0.00##", CultureInfo.InvariantCulture),
    };

    /// <summary>The baseline with what it is: "1,234.50 (7-day average)", "67.4 % (7-day ASR)", "6 of 7 days with traffic", "1,020 (provider's total)".</summary>
    public static string Baseline(string rule, decimal baseline) => rule switch
    {
        Alert.SpendSpike => Figure(rule, baseline) + " (7-day average)",
        Alert.AsrDrop => Percent(baseline) + " (7-day ASR)",
        Alert.SilentSource => string.Create(CultureInfo.InvariantCulture, $"{baseline:0} of 7 days with traffic"),
        ReconciliationAlerts.Rule => Figure(rule, baseline) + " (provider's own total)",
        _ => Figure(rule, baseline),
    };

    private static string Percent(decimal ratio) => (ratio * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
