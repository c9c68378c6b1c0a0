using System.Data.Common;

namespace Analytics.Warehouse.DuckDb;

/// <summary>
/// <c>Data Source=path;Access Mode=ReadOnly|ReadWrite</c>. The data source is a file path or
/// <c>:memory:</c>; the access mode defaults to read-write.
/// </summary>
public sealed record DuckDbConnectionString(string DataSource, bool ReadOnly)
{
    public static DuckDbConnectionString Parse(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        string? source = null;
        var readOnly = false;
        foreach (string key in builder.Keys)
        {
            var value = Convert.ToString(builder[key], System.Globalization.CultureInfo.InvariantCulture)?.Trim() ?? string.Empty;
            switch (key.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant())
            {
                case "DATASOURCE":
                    source = value;
                    break;
                case "ACCESSMODE":
                    readOnly = value.Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant() switch
                    {
                        "READONLY" => true,
                        "READWRITE" or "AUTOMATIC" or "" => false,
                        _ => throw new ArgumentException($"Access Mode must be ReadOnly or ReadWrite, got '{value}'", nameof(connectionString)),
                    };
                    break;
                default:
                    throw new ArgumentException($"unknown connection string key '{key}' (expected Data Source, Access Mode)", nameof(connectionString));
            }
        }

        if (string.IsNullOrEmpty(source))
            throw new ArgumentException("the connection string has no Data Source", nameof(connectionString));
        return new DuckDbConnectionString(source, readOnly);
    }

    /// <summary>A connection string for <paramref name="dataSource"/>.</summary>
    public static string For(string dataSource, bool readOnly) =>
        $"Data Source={dataSource};Access Mode={(readOnly ? "ReadOnly" : "ReadWrite")}";

    public override string ToString() => For(DataSource, ReadOnly);
}
