using System.Globalization;

namespace Analytics.Ingest;

/// <summary>
/// Checks every <c>Sources:*</c> setting once, at start: each problem is one line naming the key, the value and what
/// is expected, so a bad setting never surfaces later as a raw exception in the middle of a poll.
/// </summary>
public static class SourcesValidation
{
    /// <summary>The problems found, one line each; empty when every setting is valid.</summary>
    public static IReadOnlyList<string> Problems(SourcesOptions sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var problems = new List<string>();
        var tv = sources.TeleVoips;
        BaseUrl(problems, "TeleVoips", tv.BaseUrl);
        Positive(problems, "Sources:TeleVoips:PollInterval", tv.PollInterval);
        Positive(problems, "Sources:TeleVoips:PollTimeout", tv.PollTimeout);
        if (!string.Equals(tv.TimeZone, "auto", StringComparison.OrdinalIgnoreCase) && !TimeZoneInfo.TryFindSystemTimeZoneById(tv.TimeZone ?? "", out _))
            problems.Add($"Sources:TeleVoips:TimeZone = '{tv.TimeZone}': expected an IANA time zone such as UTC or America/New_York");
        if (string.IsNullOrWhiteSpace(tv.AuthHeader) || tv.AuthHeader.Any(c => c <= ' ' || c == ':' || c > '~'))
            problems.Add($"Sources:TeleVoips:AuthHeader = '{tv.AuthHeader}': expected an HTTP header name such as x-api-key or Authorization");
        Concurrency(problems, "TeleVoips", tv.Concurrency);
        if (tv.HomeCountry is not { Length: 2 } home || !home.All(char.IsAsciiLetterUpper))
            problems.Add($"Sources:TeleVoips:HomeCountry = '{tv.HomeCountry}': expected an ISO 3166 country code such as US or FR");

        BaseUrl(problems, "Telnyx", sources.Telnyx.BaseUrl);
        Concurrency(problems, "Telnyx", sources.Telnyx.Concurrency);
        foreach (var type in sources.Telnyx.RecordTypes ?? [])
        {
            if (string.IsNullOrWhiteSpace(type) || !type.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                problems.Add($"Sources:Telnyx:RecordTypes = '{type}': expected record type names such as {string.Join(", ", TelnyxOptions.DefaultRecordTypes)}");
        }

        BaseUrl(problems, "Callr", sources.Callr.BaseUrl);
        Concurrency(problems, "Callr", sources.Callr.Concurrency);
        if (sources.Callr.Currency is not ("EUR" or "USD"))
            problems.Add($"Sources:Callr:Currency = '{sources.Callr.Currency}': expected EUR or USD, the currencies a CALLR account bills in");

        BaseUrl(problems, "Telgorithm", sources.Telgorithm.BaseUrl);
        Concurrency(problems, "Telgorithm", sources.Telgorithm.Concurrency);
        if (sources.Telgorithm.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetterUpper))
            problems.Add($"Sources:Telgorithm:Currency = '{sources.Telgorithm.Currency}': expected an ISO 4217 code such as USD");
        return problems;
    }

    /// <summary>Throws <see cref="IngestSettingsException"/> listing every problem, one per line.</summary>
    public static void Check(SourcesOptions sources)
    {
        var problems = Problems(sources);
        if (problems.Count > 0)
            throw new IngestSettingsException(string.Join(Environment.NewLine, problems));
    }

    private static void BaseUrl(List<string> problems, string provider, string? value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
            problems.Add($"Sources:{provider}:BaseUrl = '{value}': expected an absolute http or https URL");
    }

    private static void Positive(List<string> problems, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{key} = {value}: expected a positive duration such as 00:00:30"));
    }

    private static void Concurrency(List<string> problems, string provider, int value)
    {
        if (value is < 1 or > 64)
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Sources:{provider}:Concurrency = {value}: expected a whole number from 1 to 64"));
    }
}

/// <summary>One or more <c>Sources:*</c> settings are invalid; the message has one line per setting.</summary>
public sealed class IngestSettingsException(string message) : IngestException(message);
