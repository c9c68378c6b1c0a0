using System.Text;

namespace Analytics.Reports;

/// <summary>Files written beside and renamed into place: a crash leaves the previous file or the new one, never half of one.</summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(false);

    public static async Task WriteAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, text, Utf8, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    public static async Task WriteAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    public static async Task WriteAsync(string path, Action<TextWriter> write, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await using (var stream = new StreamWriter(temporary, append: false, Utf8))
        {
            write(stream);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
