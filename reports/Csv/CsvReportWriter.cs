using System.Globalization;
using System.Text;
using Analytics.Reports.Aggregates;
using CsvHelper;

namespace Analytics.Reports.Csv;

/// <summary>Writes the eight CSV files of a report run (RFC 4180 via CsvHelper, invariant culture, UTF-8, LF).</summary>
internal static class CsvReportWriter
{
    // Formula-injection escaping stays off: it would prefix E.164 numbers ("+33…") with a quote.
    private static readonly CsvWriterOptions Options = new() { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture };

    /// <summary>Writes every CSV into <paramref name="directory"/> and returns their paths.</summary>
    public static async Task<IReadOnlyList<string>> WriteAllAsync(ReportData data, string directory, CancellationToken cancellationToken) =>
    [
        await WriteAsync(Path.Combine(directory, "calls_summary.csv"), ReportTables.CallsSummary, data.CallsSummary, cancellationToken).ConfigureAwait(false),
        await WriteAsync(Path.Combine(directory, "calls_history.csv"), ReportTables.CallsHistory, data.CallsHistory, cancellationToken).ConfigureAwait(false),
        await WriteAsync(Path.Combine(directory, "calls_by_app.csv"), ReportTables.CallsByApp, data.CallsByApp, cancellationToken).ConfigureAwait(false),
        await WriteAsync(Path.Combine(directory, "calls_by_country.csv"), ReportTables.CallsByCountry, data.CallsByCountry, cancellationToken).ConfigureAwait(false),
        await WriteAsync(Path.Combine(directory, "calls_by_destination.csv"), ReportTables.CallsByDestination, data.CallsByDestination, cancellationToken).ConfigureAwait(false),
        await WriteAsync(Path.Combine(directory, "calls_by_did.csv"), ReportTables.CallsByDid, data.CallsByDid, cancellationToken).ConfigureAwait(false),
        await WriteAsync(Path.Combine(directory, "sms_summary.csv"), ReportTables.SmsSummary, data.SmsSummary, cancellationToken).ConfigureAwait(false),
        await WriteAsync(Path.Combine(directory, "sms_history.csv"), ReportTables.SmsHistory, data.SmsHistory, cancellationToken).ConfigureAwait(false),
    ];

    /// <summary>The CSV text of <paramref name="rows"/> (header row first).</summary>
    public static string ToText<T>(IReadOnlyList<Column<T>> columns, IEnumerable<T> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(text, columns, rows);
        return text.ToString();
    }

    private static async Task<string> WriteAsync<T>(string path, IReadOnlyList<Column<T>> columns, IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Written beside and renamed over: a crash leaves the previous file or the new one, never half of one.
        var temporary = path + ".tmp";
        await using (var stream = new StreamWriter(temporary, append: false, new UTF8Encoding(false)))
        {
            Write(stream, columns, rows);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
        return path;
    }

    private static void Write<T>(TextWriter writer, IReadOnlyList<Column<T>> columns, IEnumerable<T> rows)
    {
        using var csv = CsvWriter.Create(writer, Options, leaveOpen: true);
        foreach (var column in columns)
            csv.WriteField(column.Header);
        csv.EndRecord();
        foreach (var row in rows)
        {
            foreach (var column in columns)
                csv.WriteField(column.Value(row));
            csv.EndRecord();
        }

        csv.Flush();
    }
}
