using System.Data.Common;

namespace Analytics.Warehouse.Connections;

/// <summary>The waiting loop behind <see cref="WarehouseDatabase.OpenReadWriteAsync"/> and its read-only twin.</summary>
internal static class LockWaiting
{
    public static async Task<DbConnection> OpenAsync(Func<DbConnection> open, LockWait wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wait);
        if (wait.Bound < TimeSpan.Zero || wait.Bound == Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(wait), "a lock wait needs a finite bound");
        var started = wait.Time.GetTimestamp();
        var told = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return open();
            }
            catch (WarehouseLockedException ex)
            {
                var left = wait.Bound - wait.Time.GetElapsedTime(started);
                if (left <= TimeSpan.Zero)
                {
                    if (!told)
                        throw;
                    throw new WarehouseLockedException(ex.Path, ex.Holder,
                        $"warehouse file {ex.Path} is still locked by {ex.Holder} after waiting {Describe(wait.Bound)}", ex);
                }

                if (!told)
                {
                    wait.Waiting?.Invoke(ex.Holder);
                    told = true;
                }

                await Task.Delay(left < wait.Poll ? left : wait.Poll, wait.Time, cancellationToken);
            }
        }
    }

    private static string Describe(TimeSpan span) =>
        span.TotalMinutes >= 1 && span.Seconds == 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{span.TotalMinutes:0} min") : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s");
}
