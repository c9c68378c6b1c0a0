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
        // Version 9: the old row is numbered, and the warehouse has an identity.
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT count(write_seq) FROM calls"));
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT count(*) FROM warehouse_identity"));
    }

    [Fact]
    public void Every_call_inserted_takes_a_write_seq_above_all_before_and_no_shipped_sql_updates_calls_or_sets_it()
    {
        using var directory = new TempDirectory();
        var path = directory.File("seq.duckdb");
        string identity;
        using (var connection = WarehouseDatabase.OpenReadWrite(path))
        {
            connection.Execute("""
                INSERT INTO calls (source, call_id, direction, started_at, status, load_id)
                VALUES ('callr', 'a', 'IN', TIMESTAMPTZ '2026-11-20 10:00:00+00', 'ANSWERED', 1), ('callr', 'b', 'IN', TIMESTAMPTZ '2026-11-20 10:00:00+00', 'ANSWERED', 1);
                INSERT INTO calls BY NAME SELECT 'telnyx' AS source, 'c' AS call_id, 'OUT' AS direction, TIMESTAMPTZ '2026-11-19 10:00:00+00' AS started_at,
                    'ANSWERED' AS status, 0 AS load_id;
                """);
            var seqs = connection.Query<long>("SELECT write_seq FROM calls ORDER BY call_id").ToList();
            Assert.Equal(3, seqs.Distinct().Count());
            Assert.True(seqs[2] > Math.Max(seqs[0], seqs[1]), string.Join(", ", seqs));
            identity = connection.ExecuteScalar<string>("SELECT id FROM warehouse_identity")!;
        }

        // The identity survives every later start-up (the schema is applied each time).
        using (var again = WarehouseDatabase.OpenReadWrite(path))
            Assert.Equal(identity, again.ExecuteScalar<string>("SELECT id FROM warehouse_identity"));

        // The reports' day cache trusts (count, highest write_seq) per day: that holds while calls are only inserted
        // (taking the default) and deleted. Every SQL text the loads run is checked for anything else.
        var assembly = typeof(WarehouseOptions).Assembly;
        var texts = assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal) && !n.EndsWith(".schema.sql", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(texts);
        foreach (var name in texts)
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            var sql = reader.ReadToEnd();
            Assert.DoesNotMatch(@"(?i)\bUPDATE\s+(main\.)?calls\b", sql);
            // The upsert's placeholder is the one mention: SqlTemplates fills it with a fresh value of the sequence.
            Assert.DoesNotContain("write_seq", sql.Replace("{{write_seq}}", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal("(SELECT nextval('calls_write_seq'))", Analytics.Warehouse.Mapping.SqlTemplates.WriteSeq);
    }

    [Fact]
    public void Opening_a_missing_file_read_only_fails_naming_it()
    {
        using var directory = new TempDirectory();
        var error = Assert.Throws<FileNotFoundException>(() => WarehouseDatabase.OpenReadOnly(directory.File("none.duckdb")));
        Assert.Contains("none.duckdb", error.Message, StringComparison.Ordinal);
    }
}
