using System.Diagnostics;
using System.Globalization;
using Analytics.Warehouse.DuckDb;

namespace Analytics.Warehouse.Tests.DuckDb;

public sealed class FileLockTests : IDisposable
{
    private readonly DuckDbFile _file = new();

    [Fact]
    public async Task Opening_a_file_held_by_another_process_fails_fast_naming_file_and_holder()
    {
        using var holder = StartHolder(_file.Path);
        try
        {
            Assert.Equal("ready", await holder.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)));

            var watch = Stopwatch.StartNew();
            var error = Assert.Throws<DuckDbException>(() => _file.Open());
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "opening a locked file must fail, not wait");
            Assert.Equal(
                $"warehouse file {_file.Path} is locked by another process (dotnet, PID {holder.Id.ToString(CultureInfo.InvariantCulture)}); stop it or open read-only",
                error.Message);
            Assert.Equal(DuckDbErrorType.IO, error.ErrorType);

            var readOnly = Assert.Throws<DuckDbException>(() => _file.Open(readOnly: true));
            Assert.Contains("stop it and try again", readOnly.Message, StringComparison.Ordinal);
        }
        finally
        {
            holder.StandardInput.Close();
            await holder.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        using var connection = _file.Open();
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
    }

    private static Process StartHolder(string path)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Analytics.LockHolder.dll"));
        start.ArgumentList.Add(path);
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the lock holder");
    }

    public void Dispose() => _file.Dispose();
}
