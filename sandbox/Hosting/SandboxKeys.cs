namespace Analytics.Sandbox;

/// <summary>The well-known sandbox credentials (not secrets: they only open the loopback sandbox).</summary>
public static class SandboxKeys
{
    /// <summary>TeleVoIPs, header <c>x-api-key</c>.</summary>
    public const string TeleVoipsApiKey = "sandbox-televoips-key";

    /// <summary>Telnyx, <c>Authorization: Bearer …</c>.</summary>
    public const string TelnyxApiKey = "sandbox-telnyx-key";

    /// <summary>CALLR, <c>Authorization: Api-Key …</c>.</summary>
    public const string CallrApiKey = "sandbox-callr-key";

    /// <summary>Telgorithm Basic auth user.</summary>
    public const string TelgorithmUser = "sandbox";

    /// <summary>Telgorithm Basic auth password.</summary>
    public const string TelgorithmPassword = "sandbox";
}
