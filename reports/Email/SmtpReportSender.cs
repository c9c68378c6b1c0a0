using System.Globalization;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Analytics.Reports.Email;

/// <summary>
/// Sends the report email with MailKit: TLS on connect on port 465 or required STARTTLS elsewhere when
/// <c>Email:EnableSsl</c>, otherwise STARTTLS when offered; login when <c>Email:Username</c> is set. Transient
/// failures (connection refused or dropped, 4xx replies) are retried with exponential backoff a bounded number of
/// times; bad credentials and permanent refusals fail at once. Either way one <see cref="EmailDeliveryException"/>
/// with a one-line cause. The password goes to the SMTP client only, never into a log or a message.
/// </summary>
public sealed class SmtpReportSender(EmailOptions options, ILogger logger, TimeProvider time, int attempts = 4, TimeSpan? firstDelay = null)
{
    private readonly TimeSpan _firstDelay = firstDelay ?? TimeSpan.FromSeconds(5);

    /// <summary>Sends <paramref name="report"/>; returns false (and sends nothing) when it is empty and <c>Email:SkipEmpty</c> is on.</summary>
    public async Task<bool> SendAsync(ReportEmail report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var host = options.Host ?? throw new EmailDeliveryException("email: Email:Host is not set");
        var from = Address(options.From, "Email:From");
        var to = (options.To ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(a => Address(a, "Email:To")).ToArray();
        if (to.Length == 0)
            throw new EmailDeliveryException("email: Email:To lists no recipient");
        if (options.SkipEmpty && report.Digest.Headline.IsEmpty)
        {
            logger.LogWarning("email: report {Period} has no call and no SMS; not sent (Email:SkipEmpty)", report.Period);
            return false;
        }

        var security = options.EnableSsl ? (options.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls) : SecureSocketOptions.StartTlsWhenAvailable;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var message = ReportEmailComposer.Compose(report, from, to, time.GetUtcNow());
                using var client = new SmtpClient();
                await client.ConnectAsync(host, options.Port, security, cancellationToken).ConfigureAwait(false);
                if (!string.IsNullOrEmpty(options.Username))
                    await client.AuthenticateAsync(options.Username, options.Password ?? "", cancellationToken).ConfigureAwait(false);
                await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
                await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
                logger.LogInformation("email: report {Period} sent to {Count} recipient(s) via {Host}:{Port}", report.Period, to.Length, host, options.Port);
                return true;
            }
            catch (Exception ex) when (ex is IOException or SocketException or ProtocolException or CommandException or AuthenticationException or SslHandshakeException
                                       && !cancellationToken.IsCancellationRequested)
            {
                var cause = Cause(ex);
                if (!IsTransient(ex) || attempt >= attempts)
                    throw new EmailDeliveryException(string.Create(CultureInfo.InvariantCulture, $"email: SMTP {host}:{options.Port} failed after {attempt} attempt(s): {cause}"), ex);
                var delay = _firstDelay * Math.Pow(2, attempt - 1);
                logger.LogWarning("email: SMTP {Host}:{Port} attempt {Attempt}/{Attempts} failed ({Cause}); retrying in {Delay}", host, options.Port, attempt, attempts, cause, delay);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static MailboxAddress Address(string? text, string key)
    {
        if (string.IsNullOrWhiteSpace(text) || !MailboxAddress.TryParse(text, out var address))
            throw new EmailDeliveryException($"email: {key} '{text}' is not an email address");
        return address;
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        AuthenticationException or SslHandshakeException => false,
        SmtpCommandException command => (int)command.StatusCode is >= 400 and < 500,
        _ => true,
    };

    private static string Cause(Exception ex)
    {
        var inner = ex.InnerException is { } i && i.Message != ex.Message ? $" ({i.Message})" : "";
        return (ex.Message + inner).ReplaceLineEndings(" ");
    }
}

/// <summary>The report email could not be delivered; the message is one line and names host and cause.</summary>
public sealed class EmailDeliveryException(string message, Exception? inner = null) : Exception(message, inner);
