using System.Globalization;
using System.Data.Common;

namespace Analytics.Warehouse.Schema;

/// <summary>
/// Changes <c>schema.sql</c> cannot express as idempotent DDL. Each runs inside the schema transaction, split into
/// the part before the script (move the old shape aside) and after it (copy into the new shape, drop the old).
/// </summary>
internal static class SchemaMigrations
{
    // Version 3: calls and sms lose their PRIMARY KEY (DuckDB cannot drop a constraint, so the tables are rebuilt).
    private static readonly string[] KeyedTables = ["calls", "sms"];

    public static void BeforeScript(DbConnection connection)
    {
        foreach (var table in KeyedTables)
        {
            if (HasPrimaryKey(connection, table))
                Execute(connection, $"ALTER TABLE {table} RENAME TO {Aside(table)};");
        }
    }

    public static void AfterScript(DbConnection connection)
    {
        foreach (var table in KeyedTables)
        {
            if (Count(connection, $"SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = '{Aside(table)}'") == 0)
                continue;
            Execute(connection, $"INSERT INTO {table} BY NAME SELECT * FROM {Aside(table)}; DROP TABLE {Aside(table)};");
        }
    }

    private static string Aside(string table) => table + "_v2_keyed";

    private static bool HasPrimaryKey(DbConnection connection, string table) => Count(connection, $"""
        SELECT count(*) FROM duckdb_constraints()
        WHERE schema_name = 'main' AND table_name = '{table}' AND constraint_type = 'PRIMARY KEY'
        """) > 0;

    private static long Count(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
