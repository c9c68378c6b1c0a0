using Analytics.Testing;
using Analytics.Warehouse.Schema;
using Dapper;

namespace Analytics.Warehouse.Tests.Schema;

public sealed class SchemaBootstrapperTests
{
    [Fact]
    public void Applies_the_schema_idempotently_and_reports_its_version()
    {
        using var directory = new TempDirectory();
        var path = directory.File("nested/dir/analytics.duckdb");
        int first;
        long versionRows;
        using (var connection = WarehouseDatabase.OpenReadWrite(path))
        {
            first = SchemaBootstrapper.CurrentVersion(connection)!.Value;
            versionRows = connection.ExecuteScalar<long>("SELECT count(*) FROM schema_version");
        }

        using (var connection = WarehouseDatabase.OpenReadWrite(path))
        {
            Assert.Equal(first, SchemaBootstrapper.Apply(connection));
            var tables = connection.Query<string>("SELECT table_name FROM duckdb_tables() ORDER BY 1").ToList();
            Assert.Contains("calls", tables);
            Assert.Contains("sms", tables);
            Assert.Contains("loads", tables);
            Assert.Equal(versionRows, connection.ExecuteScalar<long>("SELECT count(*) FROM schema_version"));
            Assert.Equal(first, connection.ExecuteScalar<int>("SELECT max(version) FROM schema_version"));
        }

        Assert.True(first >= 1);
        using var readOnly = WarehouseDatabase.OpenReadOnly(path);
        Assert.ThrowsAny<System.Data.Common.DbException>(() => readOnly.Execute("CREATE TABLE written (a INTEGER)"));
        Assert.Equal(first, SchemaBootstrapper.CurrentVersion(readOnly));
    }

    [Fact]
    public void Version_2_warehouses_lose_the_calls_and_sms_keys_and_keep_their_rows()
    {
        using var directory = new TempDirectory();
        var path = directory.File("v2.duckdb");
        using (var old = new DuckDB.NET.Data.DuckDBConnection($"DataSource={path}"))
        {
            old.Open();
            // The version-2 shapes, as schema.sql created them, with a row each.
            old.Execute("""
                CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp);
                INSERT INTO schema_version (version) VALUES (2);
                CREATE TABLE calls (source VARCHAR NOT NULL, call_id VARCHAR NOT NULL, direction VARCHAR NOT NULL, started_at TIMESTAMPTZ NOT NULL,
                    answered_at TIMESTAMPTZ, ended_at TIMESTAMPTZ, duration_s INTEGER NOT NULL DEFAULT 0, answered_s INTEGER NOT NULL DEFAULT 0,
                    billed_s INTEGER NOT NULL DEFAULT 0, caller VARCHAR, callee VARCHAR, did VARCHAR, country_code VARCHAR, destination VARCHAR,
                    app_id VARCHAR, app_name VARCHAR, status VARCHAR NOT NULL, hangup_cause VARCHAR, debit DECIMAL(18, 6), credit DECIMAL(18, 6),
                    currency VARCHAR, load_id BIGINT NOT NULL, PRIMARY KEY (source, call_id));
                INSERT INTO calls (source, call_id, direction, started_at, status, debit, currency, load_id)
                VALUES ('callr', 'c1', 'OUT', TIMESTAMPTZ '2026-11-20 10:00:00+00', 'ANSWERED', 1.25, 'EUR', 7);
                CREATE TABLE sms (source VARCHAR NOT NULL, message_id VARCHAR NOT NULL, direction VARCHAR NOT NULL, sent_at TIMESTAMPTZ NOT NULL,
                    sender VARCHAR, recipient VARCHAR, country_code VARCHAR, parts INTEGER NOT NULL DEFAULT 1, status VARCHAR,
                    debit DECIMAL(18, 6), credit DECIMAL(18, 6), currency VARCHAR, load_id BIGINT NOT NULL, PRIMARY KEY (source, message_id));
                INSERT INTO sms (source, message_id, direction, sent_at, load_id) VALUES ('telnyx', 'm1', 'IN', TIMESTAMPTZ '2026-11-20 11:00:00+00', 8);
                """);
        }

        using var connection = WarehouseDatabase.OpenReadWrite(path);
        Assert.Equal(SchemaBootstrapper.ScriptVersion, SchemaBootstrapper.CurrentVersion(connection));
        Assert.Equal(0, connection.ExecuteScalar<long>(
            "SELECT count(*) FROM duckdb_constraints() WHERE table_name IN ('calls', 'sms') AND constraint_type = 'PRIMARY KEY'"));
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '%_v2_keyed'"));
        Assert.Equal("c1|1.250000|7", connection.ExecuteScalar<string>("SELECT call_id || '|' || debit || '|' || load_id FROM calls"));
        Assert.Equal("m1|8", connection.ExecuteScalar<string>("SELECT message_id || '|' || load_id FROM sms"));
    }

    [Fact]
    public void Opening_a_missing_file_read_only_fails_naming_it()
    {
        using var directory = new TempDirectory();
        var error = Assert.Throws<FileNotFoundException>(() => WarehouseDatabase.OpenReadOnly(directory.File("none.duckdb")));
        Assert.Contains("none.duckdb", error.Message, StringComparison.Ordinal);
    }
}
