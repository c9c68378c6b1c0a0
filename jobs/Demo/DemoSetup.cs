using System.Globalization;
using Analytics.Sandbox;

namespace Analytics.Jobs.Demo;

/// <summary>The demo's folder layout and the configuration that points every source at the in-process sandbox.</summary>
internal sealed record DemoSetup(string Out)
{
    public string Warehouse => Path.Combine(Out, "analytics.duckdb");

    public string Landing => Path.Combine(Out, "landing");

    public string Reports => Path.Combine(Out, "reports");

    public string SandboxFiles => Path.Combine(Out, "sandbox");

    public string Rates => Path.Combine(SandboxFiles, "rates.csv");

    public string GroundTruth => Path.Combine(SandboxFiles, "ground-truth.json");

    /// <summary>
    /// Removes what an earlier demo left in this folder (only the demo's own files), so the run and its
    /// ground-truth check start from nothing.
    /// </summary>
    public void Reset()
    {
        Directory.CreateDirectory(Out);
        foreach (var file in new[] { Warehouse, Warehouse + ".wal" })
            File.Delete(file);
        foreach (var dir in new[] { Landing, Reports, SandboxFiles })
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }

        Directory.CreateDirectory(SandboxFiles);
    }

    /// <summary>Configuration overrides: demo paths, sandbox URLs and keys, a quick TeleVoIPs poll.</summary>
    public Dictionary<string, string?> Overrides(SandboxHost sandbox) => new()
    {
        ["Warehouse:Path"] = Warehouse,
        ["Landing:Path"] = Landing,
        ["Reports:Output"] = Reports,
        ["Rates:Path"] = Rates,
        ["Sources:TeleVoips:BaseUrl"] = sandbox.TeleVoipsBaseUrl.ToString().TrimEnd('/'),
        ["Sources:TeleVoips:ApiKey"] = SandboxKeys.TeleVoipsApiKey,
        ["Sources:TeleVoips:PollInterval"] = TimeSpan.FromMilliseconds(100).ToString("c", CultureInfo.InvariantCulture),
        ["Sources:Telnyx:BaseUrl"] = sandbox.TelnyxBaseUrl.ToString(),
        ["Sources:Telnyx:ApiKey"] = SandboxKeys.TelnyxApiKey,
        ["Sources:Callr:BaseUrl"] = sandbox.CallrUrl.ToString(),
        ["Sources:Callr:ApiKey"] = SandboxKeys.CallrApiKey,
        ["Sources:Callr:Currency"] = sandbox.Options.CallrCurrency,
        ["Sources:Telgorithm:BaseUrl"] = sandbox.TelgorithmBaseUrl.ToString(),
        ["Sources:Telgorithm:Username"] = SandboxKeys.TelgorithmUser,
        ["Sources:Telgorithm:Password"] = SandboxKeys.TelgorithmPassword,
        ["Sources:Telgorithm:Currency"] = "USD",
    };
}
