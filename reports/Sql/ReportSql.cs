using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Analytics.Reports.Aggregates;

namespace Analytics.Reports.Sql;

/// <summary>
/// The table SQL shipped as embedded <c>Sql/*.sql</c> resources. Placeholders: <c>{{start}}</c> and
/// <c>{{end}}</c> (the period's UTC instants), <c>{{bucket:column}}</c> (its integer bucket key, see
/// <see cref="Bucketing"/>), <c>{{bucket_index:column}}</c> (the bucket's position in the period, from 0),
/// <c>{{buckets}}</c>, <c>{{first_bucket}}</c> and <c>{{bucket_step}}</c> (how many buckets, the first one's key,
/// the distance between keys), the named fragments of <c>measures.sql</c>, and any <c>{{name}}</c> the caller
/// passes (text it built from integers alone). Only values computed here go into the text.
/// </summary>
internal static partial class ReportSql
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Fragments = new(() => ParseFragments(Get("measures")));

    public static string Render(string name, ReportPeriod period, IReadOnlyDictionary<string, string>? computed = null)
    {
        ArgumentNullException.ThrowIfNull(period);
        var buckets = period.Buckets;
        var sql = Get(name)
            .Replace("{{start}}", period.StartSql, StringComparison.Ordinal)
            .Replace("{{end}}", period.EndSql, StringComparison.Ordinal)
            .Replace("{{buckets}}", buckets.Count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{first_bucket}}", buckets.FirstKey.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{bucket_step}}", buckets.Step.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        foreach (var (key, value) in computed ?? new Dictionary<string, string>())
            sql = sql.Replace("{{" + key + "}}", value, StringComparison.Ordinal);
        sql = BucketPlaceholder().Replace(sql, m => m.Groups[1].Value == "bucket_index"
            ? buckets.IndexSql(m.Groups[2].Value)
            : buckets.KeySql(m.Groups[2].Value));
        foreach (var (key, value) in Fragments.Value)
            sql = sql.Replace("{{" + key + "}}", value, StringComparison.Ordinal);
        var missing = AnyPlaceholder().Match(sql);
        if (missing.Success)
            throw new InvalidOperationException($"report SQL {name}.sql: no value for {missing.Value}");
        return sql;
    }

    /// <summary>A resource's text as shipped, placeholders and all.</summary>
    public static string Text(string name) => Get(name);

    private static string Get(string name) => Cache.GetOrAdd(name, static n =>
    {
        var resource = $"Analytics.Reports.Sql.{n}.sql";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the embedded resource {resource} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private static Dictionary<string, string> ParseFragments(string text)
    {
        var fragments = new Dictionary<string, string>(StringComparer.Ordinal);
        string? name = null;
        var body = new StringBuilder();
        void Flush()
        {
            if (name is not null)
                fragments[name] = body.ToString().Trim().Replace("\n", " ", StringComparison.Ordinal);
            body.Clear();
        }

        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("-- name:", StringComparison.Ordinal))
            {
                Flush();
                name = line["-- name:".Length..].Trim();
            }
            else if (name is not null && !line.StartsWith("--", StringComparison.Ordinal))
            {
                body.Append(line).Append('\n');
            }
        }

        Flush();
        return fragments;
    }

    [GeneratedRegex(@"\{\{(bucket|bucket_index):([a-z_]+)\}\}")]
    private static partial Regex BucketPlaceholder();

    [GeneratedRegex(@"\{\{[^}]+\}\}")]
    private static partial Regex AnyPlaceholder();
}
