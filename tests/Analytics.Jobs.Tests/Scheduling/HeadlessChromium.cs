using Analytics.Testing;

namespace Analytics.Jobs.Tests.Scheduling;

/// <summary>Debian's chromium, headless: the page as a browser renders it (DOM after scripts) and a screenshot.</summary>
internal static class HeadlessChromium
{
    public const string Path = "/usr/bin/chromium";

    public static string? Unavailable => File.Exists(Path) ? null : $"chromium is not installed ({Path})";

    public static string DumpDom(string url) =>
        TestProcess.Run(Path, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=3000", "--dump-dom", url);

    public static void Screenshot(string url, string file)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        TestProcess.Run(Path, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,900",
            "--virtual-time-budget=3000", $"--screenshot={file}", url);
    }
}
