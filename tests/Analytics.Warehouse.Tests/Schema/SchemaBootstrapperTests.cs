using Analytics.Testing;
using Analytics.Warehouse.Schema;
using Dapper;

namespace Analytics.Warehouse.Tests.Schema;

public sealed class SchemaBootstrapperTests
{
    [Fact]
    public void Applies_the_schema_idempotently_and_reports_its_version()
    {
        using var directory = new TemporaryDirectory();
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
        Assert.True(readOnly.IsReadOnly);
        Assert.Equal(first, SchemaBootstrapper.CurrentVersion(readOnly));
    }

    [Fact]
    public void Opening_a_missing_file_read_only_fails_naming_it()
    {
        using var directory = new TemporaryDirectory();
        var error = Assert.Throws<FileNotFoundException>(() => WarehouseDatabase.OpenReadOnly(directory.File("none.duckdb")));
        Assert.Contains("none.duckdb", error.Message, StringComparison.Ordinal);
    }
}
