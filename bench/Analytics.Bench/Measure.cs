using System.Diagnostics;
using System.Globalization;

namespace Analytics.Bench;

/// <summary>Wall time and peak resident memory, read from the kernel rather than the GC.</summary>
internal static class Measure
{
    /// <summary>
    /// Runs <paramref name="work"/> and prints wall time, rows/s, the process's CPU time over it (user + system,
    /// all threads: on a shared machine it moves less than wall time does) and the peak RSS of the process so far.
    /// </summary>
    public static async Task<TimeSpan> TimeAsync(string label, long rows, Func<Task> work)
    {
        var cpu = CpuTime();
        var watch = Stopwatch.StartNew();
        await work();
        watch.Stop();
        cpu = CpuTime() - cpu;
        var rate = rows / Math.Max(watch.Elapsed.TotalSeconds, 1e-9);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-48} {watch.Elapsed.TotalSeconds,8:F2} s  {rate,14:N0} rows/s  cpu {cpu.TotalSeconds,6:F2} s  peak RSS {PeakRssMegabytes(),6:N0} MB"));
        return watch.Elapsed;
    }

    /// <summary>User + system CPU time of this process so far, all threads.</summary>
    public static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>VmHWM of this process in MB (Linux); 0 where /proc is absent.</summary>
    public static long PeakRssMegabytes() => ReadStatusKilobytes("VmHWM:") / 1024;

    /// <summary>VmRSS of this process in MB (Linux); 0 where /proc is absent.</summary>
    public static long RssMegabytes() => ReadStatusKilobytes("VmRSS:") / 1024;

    /// <summary>Resets VmHWM to the current RSS so each phase reports its own peak (Linux: write 5 to clear_refs).</summary>
    public static void ResetPeakRss()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static long ReadStatusKilobytes(string key)
    {
        if (!File.Exists("/proc/self/status"))
            return 0;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
                return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }

        return 0;
    }
}
