using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Analytics.Sandbox.Tests;

/// <summary>A clock stuck at a fixed instant, so the served days never move under a test.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>Small sandboxes and authenticated clients over real HTTP on 127.0.0.1.</summary>
internal static class SandboxTestKit
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    /// <summary>Two days (2026-11-18, 2026-11-19), a few hundred records per feed and day.</summary>
    public static SandboxOptions Small(int seed = 1, double volume = 0.1) => new()
    {
        Port = 0,
        Seed = seed,
        Days = 2,
        VolumeMultiplier = volume,
        TeleVoipsPollsBeforeReady = 2,
        TimeProvider = new FixedClock(Now),
    };

    public static Task<SandboxHost> StartAsync(SandboxOptions? options = null) =>
        SandboxHost.StartAsync(options ?? Small(), CancellationToken.None);

    public static HttpClient TeleVoips(SandboxHost host, bool decompress = true)
    {
        var handler = new HttpClientHandler
        {
            AutomaticDecompression = decompress ? System.Net.DecompressionMethods.GZip : System.Net.DecompressionMethods.None,
        };
        var c = new HttpClient(handler) { BaseAddress = host.TeleVoipsBaseUrl };
        c.DefaultRequestHeaders.Add("x-api-key", SandboxKeys.TeleVoipsApiKey);
        return c;
    }

    public static HttpClient Telnyx(SandboxHost host)
    {
        var c = new HttpClient { BaseAddress = host.BaseUri };
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SandboxKeys.TelnyxApiKey);
        return c;
    }

    public static HttpClient Callr(SandboxHost host)
    {
        var c = new HttpClient { BaseAddress = host.CallrUrl };
        c.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Api-Key " + SandboxKeys.CallrApiKey);
        return c;
    }

    public static HttpClient Telgorithm(SandboxHost host)
    {
        var c = new HttpClient { BaseAddress = host.BaseUri };
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(SandboxKeys.TelgorithmUser + ":" + SandboxKeys.TelgorithmPassword));
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", basic);
        return c;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> RpcAsync(HttpClient client, string method, object parameters, int id = 1)
    {
        var body = JsonSerializer.Serialize(new { jsonrpc = "2.0", id, method, @params = parameters });
        return client.PostAsync("", new StringContent(body, Encoding.UTF8, "application/json-rpc"));
    }

    /// <summary>Runs the TeleVoIPs 202 → 201 flow for a day and returns the CSV url.</summary>
    public static async Task<string> ExportUrlAsync(HttpClient client, DateOnly day)
    {
        var first = await JsonAsync(await client.GetAsync($"reports/cdrs?date={day:yyyy-MM-dd}"));
        var id = first.GetProperty("id").GetString();
        for (var i = 0; i < 20; i++)
        {
            using var r = await client.GetAsync($"reports/cdrs?id={id}");
            var json = await JsonAsync(r);
            if ((int)r.StatusCode == 201)
                return json.GetProperty("url").GetString()!;
        }
        throw new InvalidOperationException("export never completed");
    }

    /// <summary>RFC 4180 parsing that also reports, per field, whether it was quoted.</summary>
    public static List<List<(string Value, bool Quoted)>> ParseCsv(string text)
    {
        var rows = new List<List<(string, bool)>>();
        var row = new List<(string, bool)>();
        var sb = new StringBuilder();
        var quoted = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && sb.Length == 0 && !quoted)
            {
                quoted = true;
                i++;
                while (true)
                {
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        sb.Append('"');
                        i += 2;
                    }
                    else if (text[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        sb.Append(text[i++]);
                    }
                }
                continue;
            }
            if (c == ',' || c == '\n')
            {
                row.Add((sb.ToString(), quoted));
                sb.Clear();
                quoted = false;
                if (c == '\n')
                {
                    rows.Add(row);
                    row = [];
                }
                i++;
                continue;
            }
            sb.Append(c);
            i++;
        }
        return rows;
    }
}
