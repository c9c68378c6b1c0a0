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

    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>STARTTLS. Default false.</summary>
    public bool EnableSsl { get; init; }
}
