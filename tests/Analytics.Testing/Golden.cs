using System.Runtime.CompilerServices;
using System.Text;
using Xunit;

namespace Analytics.Testing;

/// <summary>
/// Golden-file checks for what people read (CSV, JSON, SVG, HTML): the expected text lives in
/// <c>&lt;name&gt;.verified.&lt;ext&gt;</c> beside the calling test's source file. On a mismatch the actual
/// text is written to <c>&lt;name&gt;.received.&lt;ext&gt;</c> and the test fails; review the diff and rename
/// received to verified to accept it. Line endings are compared as LF.
/// </summary>
public static class Golden
{
    /// <summary>Fails unless <paramref name="actual"/> equals the verified file <paramref name="name"/>.<paramref name="extension"/>.</summary>
    public static void Verify(string actual, string name, string extension, [CallerFilePath] string sourceFile = "")
    {
        ArgumentNullException.ThrowIfNull(actual);
        var directory = Path.GetDirectoryName(sourceFile)
            ?? throw new InvalidOperationException($"no directory for caller file '{sourceFile}'");
        var verified = Path.Combine(directory, $"{name}.verified.{extension}");
        var received = Path.Combine(directory, $"{name}.received.{extension}");
        var text = Normalize(actual);
        if (!File.Exists(verified))
        {
            File.WriteAllText(received, text, new UTF8Encoding(false));
            Assert.Fail($"No verified file for '{name}': review {received} and rename it to {Path.GetFileName(verified)} if it is right.");
        }

        var expected = Normalize(File.ReadAllText(verified));
        if (expected == text)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, text, new UTF8Encoding(false));
        Assert.Fail($"'{name}' differs from {Path.GetFileName(verified)} {FirstDifference(expected, text)}; " +
                    $"the actual text is in {received} (rename it to verified if the change is intended).");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var left = i < e.Length ? e[i] : "<end of file>";
            var right = i < a.Length ? a[i] : "<end of file>";
            if (left != right)
                return $"at line {i + 1}: expected \"{left}\", got \"{right}\"";
        }

        return "";
    }
}
