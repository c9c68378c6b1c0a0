namespace Analytics.Ingest.Http;

/// <summary>Replaces every configured secret (and its Basic-auth base64 form) with <c>***</c> in text leaving the process.</summary>
internal sealed class SecretRedactor
{
    private readonly string[] _secrets;

    public SecretRedactor(params string?[] secrets) =>
        // Also as percent-encoded, the form a secret takes inside a URL.
        _secrets = secrets.Where(s => !string.IsNullOrEmpty(s) && s.Length >= 3).Select(s => s!)
            .SelectMany(s => new[] { s, Uri.EscapeDataString(s) }).Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length).ToArray();

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return text ?? "";
        foreach (var secret in _secrets)
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        return text;
    }
}
