namespace Analytics.Warehouse.Tests.Loads;

/// <summary>Realistic payloads in the providers' wire formats (see WIRE.md), including the awkward cases.</summary>
internal static class Fixtures
{
    public const string TeleVoipsHeader =
        "calldate,clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,duration,billsec,disposition,amaflags,accountcode,uniqueid,userfield,did,recordingfile,cnum,cnam,outbound_cnum,outbound_cnam,dst_cnam,linkedid,peeraccount,sequence";

    // did moved after dst_cnam, as some FreePBX versions write it.
    public const string TeleVoipsHeaderDidLast =
        "calldate,clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,duration,billsec,disposition,amaflags,accountcode,uniqueid,userfield,recordingfile,cnum,cnam,outbound_cnum,outbound_cnam,dst_cnam,did,linkedid,peeraccount,sequence";

    /// <summary>Local time Europe/Paris (UTC+1 in November). Rows: inbound with quotes and commas in clid; national FR
    /// outbound unanswered; 00-international DE outbound, duplicated; NANP CA; NANP US; internal ext-to-ext.</summary>
    public const string TeleVoipsCsv = TeleVoipsHeader + "\n" +
        "\"2026-11-20 10:00:00\",\"\"\"Doe, Jane \"\"JD\"\"\"\" <+33612345678>\",\"+33612345678\",\"201\",\"from-trunk\",\"PJSIP/t-1\",\"PJSIP/201-1\",\"Dial\",\"PJSIP/201,30,tr\",65,50,\"ANSWERED\",3,\"\",\"1763629200.1\",\"\",\"+33187654321\",\"\",\"+33612345678\",\"Doe, Jane\",\"\",\"\",\"\",\"1763629200.1\",\"\",1\n" +
        "\"2026-11-20 10:05:00\",\"\"\"Bob\"\" <201>\",\"201\",\"0612345678\",\"from-internal\",\"PJSIP/201-2\",\"PJSIP/t-2\",\"Dial\",\"x\",30,0,\"NO ANSWER\",3,\"\",\"1763629500.2\",\"\",\"\",\"\",\"201\",\"Bob\",\"+33187654321\",\"\",\"\",\"1763629500.2\",\"\",2\n" +
        "\"2026-11-20 10:06:00\",\"\"\"Bob\"\" <201>\",\"201\",\"004930123456\",\"from-internal\",\"PJSIP/201-3\",\"PJSIP/t-3\",\"Dial\",\"x\",90,61,\"ANSWERED\",3,\"\",\"1763629560.3\",\"\",\"\",\"\",\"201\",\"Bob\",\"+33187654321\",\"\",\"\",\"1763629560.3\",\"\",3\n" +
        "\"2026-11-20 10:06:00\",\"\"\"Bob\"\" <201>\",\"201\",\"004930123456\",\"from-internal\",\"PJSIP/201-3\",\"PJSIP/t-3\",\"Dial\",\"x\",90,61,\"ANSWERED\",3,\"\",\"1763629560.3\",\"\",\"\",\"\",\"201\",\"Bob\",\"+33187654321\",\"\",\"\",\"1763629560.3\",\"\",3\n" +
        "\"2026-11-20 10:07:00\",\"\"\"Bob\"\" <201>\",\"201\",\"+14165550123\",\"from-internal\",\"PJSIP/201-4\",\"PJSIP/t-4\",\"Dial\",\"x\",10,5,\"ANSWERED\",3,\"\",\"1763629620.4\",\"\",\"\",\"\",\"201\",\"Bob\",\"+33187654321\",\"\",\"\",\"1763629620.4\",\"\",4\n" +
        "\"2026-11-20 10:08:00\",\"\"\"Bob\"\" <201>\",\"201\",\"+12125550123\",\"from-internal\",\"PJSIP/201-5\",\"PJSIP/t-5\",\"Dial\",\"x\",20,14,\"BUSY\",3,\"\",\"1763629680.5\",\"\",\"\",\"\",\"201\",\"Bob\",\"+33187654321\",\"\",\"\",\"1763629680.5\",\"\",5\n" +
        "\"2026-11-20 10:09:00\",\"\"\"Bob\"\" <201>\",\"201\",\"202\",\"from-internal\",\"PJSIP/201-6\",\"PJSIP/202-6\",\"Dial\",\"x\",10,5,\"ANSWERED\",3,\"\",\"1763629740.6\",\"\",\"\",\"\",\"201\",\"Bob\",\"\",\"\",\"\",\"1763629740.6\",\"\",6\n";

    public const string RateDeck = "prefix,rate_per_minute,currency,increment_s\n33,0.0120,EUR,60\n336,0.0650,EUR,60\n49,0.0140,EUR,1\n1,0.0090,EUR,6\n";

    public const string TelnyxVoicePage = """
        {"data":[
          {"record_type":"sip_trunking_detail_record","id":"c0a80001-0000-4000-8000-000000000001","call_id":"x1","direction":"inbound",
           "cli":"+14165550100","cld":"+13125550199","caller_number":"+14165550100","dest_number":"+13125550199",
           "started_at":"2026-11-20T10:00:00.000Z","answered_at":"2026-11-20T10:00:07.000Z","ended_at":"2026-11-20T10:01:07.000Z",
           "call_sec":60,"billed_sec":60,"rate":"0.0040","cost":"0.0040","currency":"USD","country_code":1,"hangup_cause":"normal_clearing","connection_name":"us-sip-main"},
          {"record_type":"call_control_detail_record","id":"c0a80001-0000-4000-8000-000000000002","call_id":"x2","direction":"outbound",
           "cli":"+33187654321","cld":"+447700900123","caller_number":"+33187654321","dest_number":"+447700900123",
           "started_at":"2026-11-20T11:00:00.000Z","answered_at":null,"finished_at":"2026-11-20T11:00:25.000Z",
           "call_sec":0,"billed_sec":0,"rate":"0.0480","cost":"0.0000","currency":"EUR","country_code":44,"hangup_cause":"user_busy","connection_name":"voice-api-eu"}
        ],"meta":{"page_number":1,"page_size":50,"total_pages":1,"total_results":2}}
        """;

    public const string TelnyxMessagingPage = """
        {"data":[
          {"record_type":"message_detail_record","uuid":"m-0001","created_at":"2026-11-20T09:00:00.000Z","sent_at":"2026-11-20T09:00:01.000Z",
           "cli":"+13125550199","cld":"+15145550111","direction":"outbound","message_type":"SMS","parts":2,"status":"delivered",
           "country_code":"CA","rate":"0.0040","cost":"0.0080","currency":"USD"}
        ],"meta":{"page_number":1,"page_size":50,"total_pages":1,"total_results":1}}
        """;

    public const string CallrCdrOut = """
        [{"callid":1500000001,"cli_pres":"ALLOWED","cli_number":"+33187654321","cli_name":"","start":"2026-11-20 10:00:00",
          "answer":"0000-00-00 00:00:00","hangup":"2026-11-20 10:00:30","hangupsource":"CALLER","hangupcause":19,"duration":30,
          "duration_answered":0,"duration_billed":0,"billing_customer_cost_label":"FR mobile","billing_customer_debit_eur":"0.0000",
          "billing_customer_credit_eur":"0.0000","scenario_name":"Support","scenario_hash":"APP1","package_name":"Business","customer_field":"",
          "callid_in":0,"number":"+33612345678","number_country_code":"FR","number_type":"MOBILE","dialstatus":"NOANSWER"},
         {"callid":1500000002,"cli_pres":"ALLOWED","cli_number":"+33187654321","cli_name":"","start":"2026-11-20 11:00:00",
          "answer":"2026-11-20 11:00:05","hangup":"2026-11-20 11:02:05","hangupsource":"CALLEE","hangupcause":16,"duration":125,
          "duration_answered":120,"duration_billed":120,"billing_customer_cost_label":"GB mobile","billing_customer_debit_eur":"9.6000",
          "billing_customer_credit_eur":"0.0000","scenario_name":"Sales","scenario_hash":"APP2","package_name":"Business","customer_field":"",
          "callid_in":0,"number":"+447700900123","number_country_code":"GB","number_type":"MOBILE","dialstatus":"ANSWER"}]
        """;

    public const string CallrSmsIn = """
        [{"type":"IN","hash":"AB12CD34","from":"+33612345678","to":"+33187654321","text":"Bonjour, ça va ?","parts":1,"status":"RECEIVED",
          "b_customer_debit":"0.0000","date_creation":"2026-11-20 08:00:00","date_sent":"0000-00-00 00:00:00","date_received":"2026-11-20 08:00:00",
          "date_update":"2026-11-20 08:00:05","options":null}]
        """;

    public const string TelgorithmOutbound = """
        {"items":[{"sid":"tg-out-1","from":"+13125550199","to":"+14165550100","text":"hi","createdOn":"2026-11-20T12:00:00.000Z","segmentCount":2,
          "mediaUrls":null,"carrier":"Rogers","status":"Delivered","errorCode":0,
          "fees":{"platformFees":[{"feePerSegment":0.004,"count":2,"feePerUnit":0.004,"total":0.008}],"passThroughFees":[{"feePerSegment":0,"count":1,"feePerUnit":0.0025,"total":0.0025}]}}],
         "searchId":null}
        """;

    public const string TelgorithmCalls = """
        {"items":[{"legSid":"leg-1","callSid":"call-1","from":"+12125550123","to":"+13125550199","status":"Completed","callDirection":"Inbound",
          "legDirection":"Inbound","duration":"73","createdOn":"2026-11-20T13:00:00.000Z","startedOn":"2026-11-20T13:00:00.000Z",
          "rangOn":"2026-11-20T13:00:00.500Z","answeredOn":"2026-11-20T13:00:04.000Z","completedOn":"2026-11-20T13:01:17.000Z",
          "fees":[{"count":2,"feePerUnit":0.0085,"total":0.017}]}]}
        """;
}
