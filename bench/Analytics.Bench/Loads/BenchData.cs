using System.Globalization;
using System.Text;
using Analytics.Landing;

namespace Analytics.Bench.Loads;

/// <summary>Writes the benchmark's landing files, streaming (never a whole file in memory).</summary>
internal static class BenchData
{
    private static readonly DateOnly Day = new(2026, 11, 20);

    /// <summary>The record count a loads benchmark was asked for: its first argument unless that is an option, else 1M.</summary>
    public static long Rows(string[] args) =>
        args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? long.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;

    /// <summary>Records per Telnyx page: the API's largest <c>page[size]</c>, so 1M records are 20,000 landed files.</summary>
    public const int TelnyxPageSize = 50;

    /// <summary>
    /// Lands the benchmark sources under <c>&lt;root&gt;/landing</c>: one TeleVoIPs CSV of <paramref name="rows"/> rows and
    /// forty CALLR result.json files with <paramref name="rows"/> records (plus the same records as <c>&lt;root&gt;/records.ndjson</c>), and
    /// <paramref name="rows"/> Telnyx records in pages of 50 (plus <c>&lt;root&gt;/telnyx.ndjson</c>).
    /// </summary>
    public static async Task<(LandingZone Landing, string Csv)> LandAllAsync(string root, long rows, CancellationToken cancellationToken)
    {
        var landing = new LandingZone(new LandingOptions { Path = Path.Combine(root, "landing") });
        var csv = await LandTeleVoipsAsync(landing, rows, cancellationToken);
        await LandCallrAsync(landing, rows, Path.Combine(root, "records.ndjson"), cancellationToken);
        await LandTelnyxAsync(landing, rows, Path.Combine(root, "telnyx.ndjson"), cancellationToken);
        return (landing, csv);
    }

    public static async Task<string> LandTeleVoipsAsync(LandingZone landing, long rows, CancellationToken cancellationToken)
    {
        var writer = landing.StartDay("televoips", "cdrs", Day);
        var name = "cdrs_2026-11-20.csv";
        await using (var payload = writer.Begin(name))
        {
            await using (var text = new StreamWriter(payload.Stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
            {
                await text.WriteAsync("calldate,clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,duration,billsec,disposition,amaflags,accountcode,uniqueid,userfield,did,recordingfile,cnum,cnam,outbound_cnum,outbound_cnam,dst_cnam,linkedid,peeraccount,sequence\n");
                var random = new Random(1);
                var line = new StringBuilder(400);
                for (long i = 0; i < rows; i++)
                {
                    line.Clear();
                    var inbound = random.Next(2) == 0;
                    var remote = "+336" + random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
                    var talk = random.Next(4) == 0 ? 0 : random.Next(1, 900);
                    var time = new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc).AddSeconds(i * 86_400 / rows);
                    var id = string.Create(CultureInfo.InvariantCulture, $"{new DateTimeOffset(time).ToUnixTimeSeconds()}.{i}");
                    line.Append(CultureInfo.InvariantCulture,
                        $"\"{time:yyyy-MM-dd HH:mm:ss}\",\"\"\"Caller {i % 1000}\"\" <{(inbound ? remote : "201")}>\",\"{(inbound ? remote : "201")}\",\"{(inbound ? "201" : remote)}\",")
                        .Append(inbound ? "\"from-trunk\"," : "\"from-internal\",")
                        .Append(CultureInfo.InvariantCulture, $"\"PJSIP/trunk-{i:x8}\",\"PJSIP/201-{i:x8}\",\"Dial\",\"PJSIP/201,30,tr\",{talk + random.Next(0, 30)},{talk},")
                        .Append(talk > 0 ? "\"ANSWERED\"," : "\"NO ANSWER\",")
                        .Append(CultureInfo.InvariantCulture, $"3,\"\",\"{id}\",\"\",\"{(inbound ? "+33187654321" : "")}\",\"\",\"{(inbound ? remote : "201")}\",\"Caller\",\"{(inbound ? "" : "+33187654321")}\",\"\",\"\",\"{id}\",\"\",{i % 1_000_000}\n");
                    await text.WriteAsync(line, cancellationToken);
                }
            }

            await payload.CommitAsync("bench://televoips", rows, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
        return Path.Combine(writer.Directory, name);
    }

    /// <summary>Forty CALLR cdr_out result.json responses (one per day) plus the same records as one NDJSON file.</summary>
    public static async Task<string> LandCallrAsync(LandingZone landing, long records, string ndjsonPath, CancellationToken cancellationToken)
    {
        var random = new Random(2);
        await using var ndjson = new StreamWriter(ndjsonPath, false, new UTF8Encoding(false), 1 << 16);
        const int files = 40; // ~14 MB each: an envelope is read as one JSON object
        long next = 0;
        for (var f = 0; f < files; f++)
        {
            var writer = landing.StartDay("callr", "cdr_out", Day.AddDays(f));
            await using (var payload = writer.Begin("result.json"))
            {
                await using (var text = new StreamWriter(payload.Stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
                {
                    await text.WriteAsync("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[");
                    var end = records * (f + 1) / files;
                    for (var first = true; next < end; next++, first = false)
                    {
                        var record = Record(next, random, Day.AddDays(f));
                        await text.WriteAsync(first ? record : "," + record);
                        await ndjson.WriteLineAsync(record);
                    }

                    await text.WriteAsync("]}");
                }

                await payload.CommitAsync("bench://callr", records / files, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        return ndjsonPath;
    }

    /// <summary>
    /// Telnyx call-control detail records in pages of <see cref="TelnyxPageSize"/> (page-0001.json … per day, as the
    /// client lands them), over 20 days, plus the same records as one NDJSON file.
    /// </summary>
    public static async Task<string> LandTelnyxAsync(LandingZone landing, long records, string ndjsonPath, CancellationToken cancellationToken)
    {
        const int days = 20;
        var random = new Random(3);
        await using var ndjson = new StreamWriter(ndjsonPath, false, new UTF8Encoding(false), 1 << 16);
        var pages = (records + TelnyxPageSize - 1) / TelnyxPageSize;
        long next = 0;
        for (var d = 0; d < days; d++)
        {
            var writer = landing.StartDay("telnyx", "call-control", Day.AddDays(d));
            var lastPage = pages * (d + 1) / days;
            for (var number = 1; next < Math.Min(records, lastPage * TelnyxPageSize); number++)
            {
                var page = new StringBuilder(64 * 1024).Append("{\"data\":[");
                var end = Math.Min(records, next + TelnyxPageSize);
                for (var first = true; next < end; next++, first = false)
                {
                    var record = TelnyxRecord(next, random, Day.AddDays(d));
                    page.Append(first ? "" : ",").Append(record);
                    await ndjson.WriteLineAsync(record);
                }

                page.Append(CultureInfo.InvariantCulture, $"],\"meta\":{{\"page_number\":{number},\"page_size\":{TelnyxPageSize}}}}}");
                await using var payload = writer.Begin($"page-{number:0000}.json");
                var bytes = Encoding.UTF8.GetBytes(page.ToString());
                await payload.Stream.WriteAsync(bytes, cancellationToken);
                await payload.CommitAsync("bench://telnyx", TelnyxPageSize, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        return ndjsonPath;
    }

    private static string TelnyxRecord(long i, Random random, DateOnly day)
    {
        static int d(Random r) => r.Next(short.MaxValue);
        var talk = random.Next(4) == 0 ? 0 : random.Next(1, 900);
        var start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddMilliseconds(i % 86_400_000);
        var inbound = random.Next(2) == 0;
        var remote = "+1" + random.NextInt64(2_012_000_000, 9_899_999_999).ToString(CultureInfo.InvariantCulture);
        var (cli, cld) = inbound ? (remote, "+13125550100") : ("+13125550100", remote);
        var answered = talk > 0 ? $"\"{start.AddSeconds(4):yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\"" : "null";
        var cost = talk * 0.0085m / 60;
        return string.Create(CultureInfo.InvariantCulture,
            $$"""{"record_type":"call_control_detail_record","id":"{{Guid.CreateVersion7(new DateTimeOffset(start))}}","call_id":"{{new Guid((int)i, (short)d(random), 0x4000, 0x80, 0, 0, 0, 0, 0, 0, 0)}}","direction":"{{(inbound ? "inbound" : "outbound")}}","cli":"{{cli}}","cld":"{{cld}}","caller_number":"{{cli}}","dest_number":"{{cld}}","started_at":"{{start:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}}","answered_at":{{answered}},"finished_at":"{{start.AddSeconds(talk + 4):yyyy-MM-dd'T'HH:mm:ss.fff'Z'}}","call_sec":{{talk}},"billed_sec":{{(talk + 59) / 60 * 60}},"rate":"0.0085","cost":"{{cost:0.0000}}","currency":"USD","country_code":1,"hangup_cause":"{{(talk > 0 ? "normal_clearing" : "no_answer")}}","connection_name":"voice-api-us"}""");
    }

    private static string Record(long i, Random random, DateOnly day)
    {
        var talk = random.Next(4) == 0 ? 0 : random.Next(1, 900);
        var start = day.ToDateTime(TimeOnly.MinValue).AddSeconds(i % 86_400);
        var answer = talk > 0 ? start.AddSeconds(5).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "0000-00-00 00:00:00";
        return string.Create(CultureInfo.InvariantCulture,
            $$"""{"callid":{{1_500_000_000 + i}},"cli_pres":"ALLOWED","cli_number":"+33187654321","cli_name":"","start":"{{start:yyyy-MM-dd HH:mm:ss}}","answer":"{{answer}}","hangup":"{{start.AddSeconds(talk + 5):yyyy-MM-dd HH:mm:ss}}","hangupsource":"CALLER","hangupcause":16,"duration":{{talk + 5}},"duration_answered":{{talk}},"duration_billed":{{talk}},"billing_customer_cost_label":"FR mobile","billing_customer_debit_eur":"{{talk * 0.1083m:0.0000}}","billing_customer_credit_eur":"0.0000","scenario_name":"Sales","scenario_hash":"APP2","package_name":"Business","customer_field":"","callid_in":0,"number":"+336{{random.Next(10_000_000, 99_999_999)}}","number_country_code":"FR","number_type":"MOBILE","dialstatus":"{{(talk > 0 ? "ANSWER" : "NOANSWER")}}"}""");
    }
}
