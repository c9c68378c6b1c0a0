using System.Text;

namespace Analytics.Landing;

/// <summary>
/// Small restart-safe state per source and feed, kept beside the landed days as
/// <c>&lt;Landing:Path&gt;/&lt;source&gt;/&lt;feed&gt;/.state/&lt;key&gt;</c>: e.g. the TeleVoIPs export being polled.
/// Ingest keeps all its state here, so it never opens the warehouse. The folder starts with a dot, so the
/// readers of day folders never see it.
/// </summary>
/// <remarks>
/// Crash guarantees: a value is written to a temp file, fsynced and renamed over the old one, so a reader sees
/// either the old value or the new one, never half of one. Deleting is one unlink.
/// </remarks>
public sealed class LandingState
{
    internal const string FolderName = ".state";

    private readonly string _root;

    public LandingState(LandingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _root = Path.GetFullPath(options.Path);
    }

    /// <summary>The stored value, or null when there is none.</summary>
    public async Task<string?> GetAsync(string source, string feed, string key, CancellationToken cancellationToken)
    {
        var path = PathOf(source, feed, key);
        try
        {
            return await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Stores <paramref name="value"/> atomically (temp file, fsync, rename).</summary>
    public async Task SetAsync(string source, string feed, string key, string value, CancellationToken cancellationToken)
    {
        var path = PathOf(source, feed, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(value), cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            // Dying before this rename leaves the old value (and a stray temp file the next write ignores).
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Forgets the value; nothing happens when there is none.</summary>
    public Task DeleteAsync(string source, string feed, string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = PathOf(source, feed, key);
        if (File.Exists(path))
            File.Delete(path);
        return Task.CompletedTask;
    }

    private string PathOf(string source, string feed, string key) =>
        Path.Combine(_root, LandingZone.SafeName(source), LandingZone.SafeName(feed), FolderName, LandingZone.SafeName(key));
}
