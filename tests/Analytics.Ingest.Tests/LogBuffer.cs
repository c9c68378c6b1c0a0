using System.Text;
using Microsoft.Extensions.Logging;

namespace Analytics.Ingest.Tests;

/// <summary>Captures every log line (Trace and up, with exceptions and scopes' messages) so tests can read what was logged.</summary>
internal sealed class LogBuffer : ILoggerProvider
{
    private readonly StringBuilder _text = new();

    public string Text
    {
        get
        {
            lock (_text)
                return _text.ToString();
        }
    }

    public ILoggerFactory Factory() => LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(this));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogBuffer buffer, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            lock (buffer._text)
                buffer._text.Append(category).Append(" scope: ").Append(state).AppendLine();
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (buffer._text)
            {
                buffer._text.Append(logLevel).Append(' ').Append(category).Append(": ").Append(formatter(state, exception)).AppendLine();
                if (state is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    foreach (var (key, value) in values)
                        buffer._text.Append("  ").Append(key).Append('=').Append(value).AppendLine();
                }

                if (exception is not null)
                    buffer._text.Append(exception).AppendLine();
            }
        }
    }
}
