using System.Data.Common;
using System.Text.Json;
using Analytics.Reports.Aggregates;
using Analytics.Reports.Sql;
using Dapper;

namespace Analytics.Reports.Tables;

/// <summary>What the writers need of any report table, whatever its row type.</summary>
internal interface IReportTable
{
    /// <summary>CSV file stem and embedded SQL name (<c>Sql/&lt;Name&gt;.sql</c>), e.g. <c>calls_summary</c>.</summary>
    string Name { get; }

    /// <summary>Heading of its HTML section.</summary>
    string Title { get; }

    string CsvFile => Name + ".csv";

    IReadOnlyList<string> Headers { get; }

    /// <summary>Rows as CSV cells (invariant, machine-readable).</summary>
    IEnumerable<IReadOnlyList<string>> CsvRows(ReportData data);

    /// <summary>The rows the HTML page shows (history: ALL rows, newest first), as (text, numeric) cells.</summary>
    (IReadOnlyList<(string Label, bool Numeric)> Header, IReadOnlyList<IReadOnlyList<string>> Rows) Html(ReportData data);

    /// <summary>Writes its CALLR object into analytics.json (nothing when it has none).</summary>
    void WriteJson(Utf8JsonWriter json, ReportData data);
}

/// <summary>
/// One report table, described once: its SQL (an embedded <c>.sql</c> file), columns (CSV header, human header,
/// kind), where its rows live in <see cref="ReportData"/>, its CALLR JSON object and its HTML section. Adding a
/// table is one of these in <see cref="ReportTables"/>, one SQL file and one row record.
/// </summary>
internal sealed record ReportTable<T>(
    string Name,
    string Title,
    IReadOnlyList<Column<T>> Columns,
    Func<ReportData, IReadOnlyList<T>> Rows,
    string? JsonObject = null,
    Action<Utf8JsonWriter, IReadOnlyList<T>>? JsonBody = null, // the object's value; CallrJson.Grouped for CALLR's shapes
    Func<IReadOnlyList<T>, IEnumerable<T>>? HtmlRows = null,
    Func<ReportPeriod, IReadOnlyList<T>, IReadOnlyList<T>>? Complete = null) : IReportTable
{
    public IReadOnlyList<string> Headers => [.. Columns.Select(c => c.Header)];

    /// <summary>Runs the table's SQL for <paramref name="period"/> and maps its rows.</summary>
    public async Task<IReadOnlyList<T>> QueryAsync(DbConnection connection, ReportPeriod period, CancellationToken cancellationToken)
    {
        var sql = ReportSql.Render(Name, period);
        var rows = (await connection.QueryAsync<T>(new CommandDefinition(sql, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
        return Complete is null ? rows : Complete(period, rows);
    }

    public IEnumerable<IReadOnlyList<string>> CsvRows(ReportData data) =>
        Rows(data).Select(r => (IReadOnlyList<string>)[.. Columns.Select(c => c.Csv(r))]);

    public (IReadOnlyList<(string Label, bool Numeric)> Header, IReadOnlyList<IReadOnlyList<string>> Rows) Html(ReportData data) =>
        ([.. Columns.Select(c => (c.Label, c.Numeric))],
         [.. (HtmlRows ?? (r => r))(Rows(data)).Select(r => (IReadOnlyList<string>)[.. Columns.Select(c => c.Html(r))])]);

    public void WriteJson(Utf8JsonWriter json, ReportData data)
    {
        if (JsonObject is null || JsonBody is null)
            return;
        json.WritePropertyName(JsonObject);
        JsonBody(json, Rows(data));
    }
}
