using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Analytics.Jobs.Web;

/// <summary>
/// <c>serve</c>'s log lines: "HH:mm:ss.fffZ level category: message", one line each. An exception adds its type and
/// message to the line; its stack trace only when the line is logged at Debug or Trace.
/// </summary>
internal sealed class OneLineConsoleFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "oneline";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception) ?? "";
        var level = logEntry.LogLevel switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
        var category = logEntry.Category[(logEntry.Category.LastIndexOf('.') + 1)..];
        textWriter.Write($"{DateTime.UtcNow:HH:mm:ss.fff}Z {level} {category}: {message.ReplaceLineEndings(" ")}");
        if (logEntry.Exception is { } ex)
        {
            if (logEntry.LogLevel <= LogLevel.Debug)
                textWriter.Write($"{Environment.NewLine}{ex}");
            else
                textWriter.Write($" ({ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")})");
        }

        textWriter.WriteLine();
    }
}
