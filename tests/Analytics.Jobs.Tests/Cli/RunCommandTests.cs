using System.CommandLine;
using System.Text.Json;
using Analytics.Jobs.Cli;
using Analytics.Jobs.Demo;
using Analytics.Sandbox;
using Analytics.Testing;

namespace Analytics.Jobs.Tests.Cli;

/// <summary><c>analytics run</c>'s exit code (issue #21 item 3): non-zero when a configured source failed, 0 with a warning when none is configured.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [SmtpFact]
    public async Task With_no_source_configured_run_exits_0_with_one_warning_line_and_mails_nothing()
    {
        using var smtp = new SmtpTestServer();
        var config = WriteConfig(new Dictionary<string, string?>(Smtp(smtp.Port))
        {
            ["Warehouse:Path"] = _directory.File("analytics.duckdb"),
            ["Landing:Path"] = _directory.File("landing"),
            ["Reports:Output"] = _directory.File("reports"),
        });
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        int exit;
        try
        {
            exit = await Root().Parse(["run", "--from", "2026-11-21", "--config", config]).InvokeAsync(Invocation);
        }
        finally
        {
            Console.SetError(previous);
        }

        Assert.Equal(0, exit);
        Assert.Equal("analytics: warning: no source is configured (set Sources:<Provider>:ApiKey); nothing was pulled", error.ToString().Trim());
        // The report is written (and says nothing is configured), but an empty report is not mailed (Email:SkipEmpty).
        Assert.True(File.Exists(_directory.File("reports/2026-11-21_2026-11-21/index.html")));
        Assert.Empty(smtp.Messages());
    }

    [Fact]
    public async Task A_configured_source_that_fails_makes_run_exit_non_zero_naming_it()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Port = 0, Seed = 2, Days = 1, VolumeMultiplier = 0.1 }, CancellationToken.None);
        var setup = new DemoSetup(_directory.File("demo"));
        setup.Reset();
        var overrides = setup.Overrides(sandbox);
        overrides.Remove("Rates:Path");
        overrides["Sources:Callr:ApiKey"] = "not-the-sandbox-key";
        var config = WriteConfig(overrides);

        var error = await Assert.ThrowsAsync<CliException>(() => Root()
            .Parse(["run", "--from", $"{sandbox.LastDay:yyyy-MM-dd}", "--no-email", "--config", config]).InvokeAsync(Invocation));

        Assert.StartsWith("callr: credentials rejected", error.Message, StringComparison.Ordinal);
    }

    [SmtpFact]
    public async Task A_wrong_key_mails_a_partial_report_naming_the_source_and_its_cause_and_the_html_and_json_agree()
    {
        using var smtp = new SmtpTestServer();
        // A PBX on UTC: its one file is the whole day (a New York PBX's day also needs the file before, see below).
        await using var sandbox = await SandboxHost.StartAsync(
            new SandboxOptions { Port = 0, Seed = 3, Days = 1, VolumeMultiplier = 0.1, TeleVoipsTimeZone = TimeZoneInfo.Utc }, CancellationToken.None);
        var setup = new DemoSetup(_directory.File("demo"));
        setup.Reset();
        var overrides = new Dictionary<string, string?>(setup.Overrides(sandbox).Concat(Smtp(smtp.Port)));
        overrides.Remove("Rates:Path");
        overrides["Sources:Callr:ApiKey"] = "not-the-sandbox-key";
        foreach (var key in new[] { "Sources:Telgorithm:Username", "Sources:Telgorithm:Password" })
            overrides.Remove(key);
        var config = WriteConfig(overrides);
        var day = $"{sandbox.LastDay:yyyy-MM-dd}";

        var error = await Assert.ThrowsAsync<CliException>(() => Root().Parse(["run", "--from", day, "--config", config]).InvokeAsync(Invocation));

        Assert.StartsWith("callr: credentials rejected", error.Message, StringComparison.Ordinal);
        var message = Assert.Single(smtp.Messages());
        Assert.StartsWith("PARTIAL (callr failed: credentials rejected", message.Subject, StringComparison.Ordinal);
        var text = Assert.Single(message.Parts, p => p.ContentType == "text/plain").Text;
        Assert.Contains("FAILED: callr (credentials rejected", text, StringComparison.Ordinal);
        Assert.Contains("Not configured: telgorithm", text, StringComparison.Ordinal);

        var folder = Path.Combine(setup.Reports, $"{day}_{day}");
        var html = await File.ReadAllTextAsync(Path.Combine(folder, "index.html"));
        Assert.Contains("<title>PARTIAL Analytics report", html, StringComparison.Ordinal);
        Assert.Contains("FAILED: callr (credentials rejected", html, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "analytics.json")));
        var meta = json.RootElement.GetProperty("meta");
        Assert.True(meta.GetProperty("partial").GetBoolean());
        var failed = Assert.Single(meta.GetProperty("sources_failed").EnumerateArray());
        Assert.Equal("callr", failed.GetProperty("source").GetString());
        Assert.StartsWith("credentials rejected", failed.GetProperty("cause").GetString(), StringComparison.Ordinal);
        Assert.Equal(["telgorithm"], meta.GetProperty("sources_not_configured").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["televoips", "telnyx"], meta.GetProperty("sources_included").EnumerateArray().Select(e => e.GetString()));
    }

    [SmtpFact]
    public async Task A_new_york_pbx_day_without_the_previous_local_day_is_partial_naming_the_hours_until_that_file_is_loaded()
    {
        using var smtp = new SmtpTestServer();
        // The sandbox's default PBX is in America/New_York: its file for a day holds 05:00 to 05:00 UTC (winter), so the
        // UTC day's first hours are in the previous local day's file.
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Port = 0, Seed = 4, Days = 2, VolumeMultiplier = 0.1 }, CancellationToken.None);
        var (config, reports) = PbxConfig(sandbox, smtp);
        var day = sandbox.LastDay;
        var localMidnight = Analytics.Pipeline.Steps.TeleVoipsCoverage.LocalMidnight(day, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        var missing = $"calls before {day:yyyy-MM-dd} {localMidnight.UtcDateTime:HH:mm} UTC not yet loaded (the PBX's {day.AddDays(-1):yyyy-MM-dd} file)";

        Assert.Equal(0, await Root().Parse(["run", "--from", $"{day:yyyy-MM-dd}", "--config", config]).InvokeAsync(Invocation));

        var message = Assert.Single(smtp.Messages());
        Assert.StartsWith($"PARTIAL (televoips: {missing}): ", message.Subject, StringComparison.Ordinal);
        Assert.Contains($"Missing part: televoips: {missing}", Assert.Single(message.Parts, p => p.ContentType == "text/plain").Text, StringComparison.Ordinal);
        var meta = await AssertReportSaysAsync(reports, day, $"Missing part: televoips: {missing}");
        Assert.DoesNotContain("televoips", meta.GetProperty("sources_included").EnumerateArray().Select(e => e.GetString()));
        var part = Assert.Single(meta.GetProperty("sources_missing_part").EnumerateArray());
        Assert.Equal(missing, part.GetProperty("missing").GetString());

        // The previous local day's file lands: the same day's report is whole.
        await Root().Parse(["run", "--from", $"{day.AddDays(-1):yyyy-MM-dd}", "--no-email", "--config", config]).InvokeAsync(Invocation);
        Assert.Equal(0, await Root().Parse(["run", "--from", $"{day:yyyy-MM-dd}", "--config", config]).InvokeAsync(Invocation));
        Assert.DoesNotContain("PARTIAL", smtp.Messages()[^1].Subject, StringComparison.Ordinal);
        meta = await AssertReportSaysAsync(reports, day, "Sources included: callr, televoips, telgorithm, telnyx");
        Assert.Empty(meta.GetProperty("sources_missing_part").EnumerateArray());
    }

    [SmtpFact]
    public async Task A_paris_pbx_day_reported_the_next_morning_is_partial_for_its_last_hour_not_yet_exported()
    {
        using var smtp = new SmtpTestServer();
        // A Paris PBX's day D ends at 23:00 UTC: the UTC day's last hour is in the file of D + 1, which the PBX has not finished.
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions
        {
            Port = 0, Seed = 5, Days = 1, VolumeMultiplier = 0.1, TeleVoipsTimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"),
        }, CancellationToken.None);
        var (config, reports) = PbxConfig(sandbox, smtp);
        var day = sandbox.LastDay;
        var end = Analytics.Pipeline.Steps.TeleVoipsCoverage.LocalMidnight(day.AddDays(1), TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        // "not yet exported" until the PBX's next day ends (23:00 UTC today); a test run after that reads "not yet loaded".
        var missing = $"calls after {day:yyyy-MM-dd} {end.UtcDateTime:HH:mm} UTC not yet ";

        Assert.Equal(0, await Root().Parse(["run", "--from", $"{day:yyyy-MM-dd}", "--config", config]).InvokeAsync(Invocation));

        Assert.StartsWith($"PARTIAL (televoips: {missing}", Assert.Single(smtp.Messages()).Subject, StringComparison.Ordinal);
        if (DateTime.UtcNow < end.UtcDateTime.AddDays(1))
            Assert.StartsWith($"PARTIAL (televoips: {missing}exported): ", smtp.Messages()[0].Subject, StringComparison.Ordinal);
        var meta = await AssertReportSaysAsync(reports, day, $"Missing part: televoips: {missing}");
        Assert.True(meta.GetProperty("partial").GetBoolean());
    }

    private (string Config, string Reports) PbxConfig(SandboxHost sandbox, SmtpTestServer smtp)
    {
        var setup = new DemoSetup(_directory.File("pbx"));
        setup.Reset();
        var overrides = new Dictionary<string, string?>(setup.Overrides(sandbox).Concat(Smtp(smtp.Port)));
        overrides.Remove("Rates:Path");
        return (WriteConfig(overrides), setup.Reports);
    }

    // The HTML says it, and analytics.json's meta is returned for the caller's own checks.
    private static async Task<JsonElement> AssertReportSaysAsync(string reports, DateOnly day, string line)
    {
        var folder = Path.Combine(reports, $"{day:yyyy-MM-dd}_{day:yyyy-MM-dd}");
        var html = await File.ReadAllTextAsync(Path.Combine(folder, "index.html"));
        Assert.Contains(System.Net.WebUtility.HtmlEncode(line), html, StringComparison.Ordinal);
        Assert.Equal(!line.StartsWith("Sources included", StringComparison.Ordinal), html.Contains("<title>PARTIAL", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "analytics.json")));
        return json.RootElement.GetProperty("meta").Clone();
    }

    public void Dispose() => _directory.Dispose();

    private static readonly InvocationConfiguration Invocation = new() { EnableDefaultExceptionHandler = false, Output = TextWriter.Null };

    private static Dictionary<string, string?> Smtp(int port) => new()
    {
        ["Email:Host"] = "127.0.0.1",
        ["Email:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:From"] = "analytics@example.com",
        ["Email:To"] = "finance@example.com",
    };

    private static RootCommand Root() => new() { RunCommand.Create(), CommonOptions.Config };

    // A nested JSON file, as an operator writes analytics.json.
    private string WriteConfig(IReadOnlyDictionary<string, string?> settings)
    {
        var root = new Dictionary<string, object>();
        foreach (var (key, value) in settings)
        {
            var parts = key.Split(':');
            var node = root;
            foreach (var part in parts[..^1])
            {
                if (!node.TryGetValue(part, out var child))
                    node[part] = child = new Dictionary<string, object>();
                node = (Dictionary<string, object>)child;
            }

            node[parts[^1]] = value!;
        }

        var path = _directory.File("analytics.json");
        File.WriteAllText(path, JsonSerializer.Serialize(root));
        return path;
    }
}
