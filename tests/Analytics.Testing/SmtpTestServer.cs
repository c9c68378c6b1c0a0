using Xunit;
using System.Diagnostics;
using System.Text.Json;

namespace Analytics.Testing;

/// <summary>
/// A real SMTP server on loopback (aiosmtpd, Debian's python3-aiosmtpd for /usr/bin/python3) delivering
/// into a Maildir; <see cref="Messages"/> parses what arrived with Python's own MIME parser.
/// </summary>
public sealed class SmtpTestServer : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);
    private readonly Process _process;

    public SmtpTestServer()
    {
        Maildir = Path.Combine(Path.GetTempPath(), $"analytics-smtp-{Guid.NewGuid():N}");
        Port = TestProcess.FreePort();
        var info = new ProcessStartInfo(Python) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir })
            info.ArgumentList.Add(arg);
        _process = Process.Start(info) ?? throw new InvalidOperationException("cannot start aiosmtpd");
        if (!TestProcess.WaitForPort(Port, TimeSpan.FromSeconds(15)))
        {
            Dispose();
            throw new InvalidOperationException($"aiosmtpd did not listen on 127.0.0.1:{Port}");
        }
    }

    public static string? Unavailable
    {
        get
        {
            if (!File.Exists(Python))
                return $"{Python} missing";
            try
            {
                TestProcess.Run(Python, "-c", "import aiosmtpd");
                return null;
            }
            catch (InvalidOperationException)
            {
                return "python3-aiosmtpd is not installed for /usr/bin/python3";
            }
        }
    }

    public int Port { get; }

    public string Maildir { get; }

    public IReadOnlyList<MailMessageDump> Messages()
    {
        const string script = """
            import sys, json, base64, email, email.policy, mailbox
            out = []
            for key in sorted(mailbox.Maildir(sys.argv[1], create=False).keys()):
                raw = mailbox.Maildir(sys.argv[1], create=False).get_bytes(key)
                m = email.message_from_bytes(raw, policy=email.policy.default)
                parts = []
                for p in m.walk():
                    if p.is_multipart():
                        continue
                    data = p.get_payload(decode=True) or b''
                    parts.append({"contentType": p.get_content_type(), "contentId": p.get("Content-ID"),
                                  "fileName": p.get_filename(), "disposition": p.get_content_disposition(),
                                  "payload": base64.b64encode(data).decode()})
                out.append({"subject": str(m["subject"]), "from": str(m["from"]), "to": str(m["to"]), "parts": parts,
                            "messageId": m["message-id"] and str(m["message-id"]), "date": m["date"] and str(m["date"])})
            print(json.dumps(out))
            """;
        if (!Directory.Exists(Maildir))
            return [];
        var json = TestProcess.Run(Python, "-c", script, Maildir);
        return JsonSerializer.Deserialize<MailMessageDump[]>(json, WebJson) ?? [];
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(Maildir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

public sealed record MailMessageDump(string Subject, string From, string To, IReadOnlyList<MailPartDump> Parts, string? MessageId = null, string? Date = null);

public sealed record MailPartDump(string ContentType, string? ContentId, string? FileName, string? Disposition, string Payload)
{
    public byte[] Bytes => Convert.FromBase64String(Payload);

    public string Text => System.Text.Encoding.UTF8.GetString(Bytes);
}

/// <summary>A fact needing the SMTP server: skipped with the reason when aiosmtpd is missing, unless CI=true.</summary>
public sealed class SmtpFactAttribute : FactAttribute
{
    public SmtpFactAttribute()
    {
        if (!TestProcess.InCi && SmtpTestServer.Unavailable is { } reason)
            Skip = reason;
    }
}
