using System.Globalization;
using System.Net;
using System.Net.Mail;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Analytics.Reports.Email;

/// <summary>
/// Sends the report email over SMTP (System.Net.Mail; STARTTLS when <c>Email:EnableSsl</c>, login when
/// <c>Email:Username</c> is set). Transient failures (connection refused, 4xx replies) are retried with
/// exponential backoff a bounded number of times; then one <see cref="EmailDeliveryException"/> with a
/// one-line cause. The password is handed to the SMTP client only, never logged or put in a message.
/// </summary>
public sealed class SmtpReportSender(EmailOptions options, ILogger logger, TimeProvider time, int attempts = 4, TimeSpan? firstDelay = null)
{
    private readonly TimeSpan _firstDelay = firstDelay ?? TimeSpan.FromSeconds(5);

    public async Task SendAsync(ReportEmail report, CancellationToken cancellationToken)
    {
        var host = options.Host ?? throw new EmailDeliveryException("email: Email:Host is not set");
        var from = Address(options.From, "Email:From");
        var to = (options.To ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(a => Address(a, "Email:To")).ToArray();
        if (to.Length == 0)
            throw new EmailDeliveryException("email: Email:To lists no recipient");

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var message = ReportEmailComposer.Compose(report, from, to);
                using var client = new SmtpClient(host, options.Port) { EnableSsl = options.EnableSsl, DeliveryMethod = SmtpDeliveryMethod.Network };
                if (!string.IsNullOrEmpty(options.Username))
                    client.Credentials = new NetworkCredential(options.Username, options.Password);
                await client.SendMailAsync(message, cancellationToken);
                logger.LogInformation("email: report {Period} sent to {Count} recipient(s) via {Host}:{Port}", report.Period, to.Length, host, options.Port);
                return;
            }
            catch (Exception ex) when (ex is SmtpException or IOException or SocketException && !cancellationToken.IsCancellationRequested)
            {
                var cause = Cause(ex);
                if (!IsTransient(ex) || attempt >= attempts)
                    throw new EmailDeliveryException(string.Create(CultureInfo.InvariantCulture, $"email: SMTP {host}:{options.Port} failed after {attempt} attempt(s): {cause}"), ex);
                var delay = _firstDelay * Math.Pow(2, attempt - 1);
                logger.LogWarning("email: SMTP {Host}:{Port} attempt {Attempt}/{Attempts} failed ({Cause}); retrying in {Delay}", host, options.Port, attempt, attempts, cause, delay);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    private static MailAddress Address(string? text, string key)
    {
        if (string.IsNullOrWhiteSpace(text) || !MailAddress.TryCreate(text, out var address))
            throw new EmailDeliveryException($"email: {key} '{text}' is not an email address");
        return address;
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        SmtpFailedRecipientException => false,
        SmtpException smtp => smtp.StatusCode is SmtpStatusCode.GeneralFailure or SmtpStatusCode.ServiceNotAvailable
            or SmtpStatusCode.MailboxBusy or SmtpStatusCode.LocalErrorInProcessing or SmtpStatusCode.InsufficientStorage
            || smtp.InnerException is IOException or SocketException,
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
