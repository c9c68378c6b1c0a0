namespace Analytics.Reports.Email;

/// <summary>SMTP delivery of the report. Configuration section <c>Email</c>; no <c>Host</c> means no email.</summary>
public sealed record EmailOptions
{
    public const string Section = "Email";

    public string? Host { get; init; }

    /// <summary>Default 25.</summary>
    public int Port { get; init; } = 25;

    public string? From { get; init; }

    /// <summary>Comma-separated recipients.</summary>
    public string? To { get; init; }

    /// <summary>SMTP login; none when empty.</summary>
    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>TLS: on port 465 the connection starts with TLS (SMTPS), on any other port STARTTLS is required. Default false (plain, or STARTTLS when the server offers it).</summary>
    public bool EnableSsl { get; init; }

    /// <summary>A report with no call and no SMS sends no email. Default true.</summary>
    public bool SkipEmpty { get; init; } = true;
}
