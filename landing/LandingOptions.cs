namespace Analytics.Landing;

/// <summary>Where fetched payloads land before anything parses them. Configuration section <c>Landing</c>.</summary>
public sealed record LandingOptions
{
    public const string Section = "Landing";

    /// <summary>Root of the landing zone: <c>&lt;Path&gt;/&lt;source&gt;/&lt;feed&gt;/&lt;yyyy-MM-dd&gt;/…</c>. Default <c>./data/landing</c>.</summary>
    public string Path { get; init; } = "./data/landing";
}
