using System.Reflection;
using System.Data.Common;

namespace Analytics.Warehouse.Schema;

/// <summary>
/// Applies the embedded <c>schema.sql</c> (idempotent DDL) in one transaction: if the process dies part
/// way, DuckDB rolls the whole script back and the next start-up applies it again.
/// </summary>
public static class SchemaBootstrapper
{
    private const string ResourceName = "Analytics.Warehouse.schema.sql";

    /// <summary>The DDL script shipped with this build.</summary>
    public static string Script { get; } = LoadScript();

    /// <summary>The schema version the script establishes (its <c>INSERT INTO schema_version</c>).</summary>
    public static int ScriptVersion { get; } = int.Parse(
        System.Text.RegularExpressions.Regex.Match(Script, @"INSERT INTO schema_version \(version\) VALUES \((\d+)\)").Groups[1].Value,
        System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Applies the schema on a read-write connection and returns the resulting schema version.</summary>
    public static int Apply(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using (var transaction = connection.BeginTransaction())
        {
            var previous = CurrentVersion(connection);
            SchemaMigrations.BeforeScript(connection);
            using (var command = connection.CreateCommand())
            {
                command.CommandText = Script;
                command.ExecuteNonQuery();
            }

            SchemaMigrations.AfterScript(connection, previous);
            transaction.Commit();
        }

        return CurrentVersion(connection) ?? throw new InvalidOperationException("schema.sql ran but recorded no schema_version");
    }

    /// <summary>The highest applied schema version, or null when the schema has never been applied.</summary>
    public static int? CurrentVersion(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'schema_version'";
        if (Convert.ToInt64(exists.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
            return null;
        using var version = connection.CreateCommand();
        version.CommandText = "SELECT max(version) FROM schema_version";
        var value = version.ExecuteScalar();
        return value is null or DBNull ? null : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string LoadScript()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {ResourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
