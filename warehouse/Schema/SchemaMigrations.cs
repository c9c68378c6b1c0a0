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

    /// <param name="connection">The schema transaction's connection.</param>
    /// <param name="previous">The schema version before the script ran; null for a new file.</param>
    public static void AfterScript(DbConnection connection, int? previous)
    {
        if (previous is < 6)
            Execute(connection, TelgorithmLegs());
        foreach (var table in KeyedTables)
        {
            if (Count(connection, $"SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = '{Aside(table)}'") == 0)
                continue;
            Execute(connection, $"INSERT INTO {table} BY NAME SELECT * FROM {Aside(table)}; DROP TABLE {Aside(table)};");
        }
    }

    private static string Aside(string table) => table + "_v2_keyed";

    // Version 6: Telgorithm calls were one row per leg (call_id = legSid). Those rows become the call_legs (their
    // callSid from the latest raw copy of the leg), and the calls are made again from them, one per callSid, exactly
    // as a load makes them. Nothing has to be fetched or loaded again.
    private static string TelgorithmLegs() => $"""
        INSERT INTO call_legs (source, call_id, leg_id, direction, call_direction, created_at, started_at, answered_at, ended_at,
                               duration_s, answered_s, billed_s, caller, callee, country_code, status, debit, currency, cost_basis, load_id)
        SELECT c.source, coalesce(nullif(trim(r.callSid), ''), c.call_id), c.call_id, c.direction, r.callDirection, c.started_at, c.started_at,
               c.answered_at, c.ended_at, c.duration_s, c.answered_s, c.billed_s, c.caller, c.callee, c.country_code, c.status, c.debit,
               c.currency, c.cost_basis, c.load_id
        FROM calls c
        LEFT JOIN (SELECT trim(legSid) AS leg, callSid, callDirection FROM raw_telgorithm_calls
                   QUALIFY row_number() OVER (PARTITION BY trim(legSid) ORDER BY load_id DESC, ordinal DESC) = 1) r ON r.leg = c.call_id
        WHERE c.source = 'telgorithm' AND c.call_id NOT IN (SELECT leg_id FROM call_legs WHERE source = 'telgorithm');
        CREATE OR REPLACE TEMP TABLE an_leg_calls AS SELECT DISTINCT call_id AS k FROM call_legs WHERE source = 'telgorithm';
        DELETE FROM calls WHERE source = 'telgorithm';
        INSERT INTO calls BY NAME
        {Mapping.SqlTemplates.Get("calls_from_legs").Replace("{{source}}", "telgorithm", StringComparison.Ordinal).TrimEnd()};
        DROP TABLE an_leg_calls;
        """;

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
