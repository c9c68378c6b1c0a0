namespace Analytics.Sandbox.Data;

/// <summary>Message bodies and their part counts (GSM-7 160/153, UCS-2 70/67, as carriers segment them).</summary>
internal static class SmsText
{
    private static readonly string[] Sentences =
    [
        "Your verification code is {0}.",
        "Your appointment is confirmed for tomorrow at 10:30.",
        "Hi, can you call me back when you get a minute?",
        "Reminder: your invoice {0} is due on Friday.",
        "Votre colis sera livré demain entre 9h et 12h.",
        "Merci pour votre commande n°{0} !",
        "Thanks! See you @ the office, bring the ID & the form.",
        "Your parcel is out for delivery [ref {0}].",
        "Promo: -20% on all plans this week, reply STOP to opt out.",
        "Ok 👍 see you soon",
        "Спасибо, всё получили.",
        "Zażółć gęślą jaźń, dziękuję!",
        "Der Techniker kommt am Dienstag zwischen 8 und 12 Uhr.",
        "Le rendez-vous est annulé, merci de rappeler le 01 70 36 01 00.",
        "Confirmed: €45.00 charged to your card ending {0}.",
        "Gracias por su llamada, le contactaremos pronto.",
        "Ciao! Il tuo ordine è in consegna.",
        "Hello, this is a longer notice about the maintenance window scheduled this weekend; service may be interrupted for up to two hours.",
        "🎉 Happy birthday from all of us!",
    ];

    private const string Gsm7Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Gsm7Extension = "^{}\\[~]|€\f";

    public static string Generate(ref Rng rng)
    {
        var sentences = rng.Chance(0.7) ? 1 : rng.Between(2, 5);
        var parts = new string[sentences];
        for (var i = 0; i < sentences; i++)
        {
            var template = rng.Pick(Sentences);
            parts[i] = template.Contains("{0}", StringComparison.Ordinal)
                ? template.Replace("{0}", rng.Digits(6), StringComparison.Ordinal)
                : template;
        }
        return string.Join(' ', parts);
    }

    public static int Parts(string text)
    {
        var septets = 0;
        foreach (var c in text)
        {
            if (Gsm7Basic.Contains(c, StringComparison.Ordinal))
                septets += 1;
            else if (Gsm7Extension.Contains(c, StringComparison.Ordinal))
                septets += 2;
            else
                return Ucs2Parts(text.Length);
        }
        return septets <= 160 ? 1 : (septets + 152) / 153;
    }

    private static int Ucs2Parts(int utf16Units) => utf16Units <= 70 ? 1 : (utf16Units + 66) / 67;
}

internal static class People
{
    private static readonly string[] First =
    ["Jane", "John", "Marie", "Lucas", "Zoë", "François", "Anna", "Jürgen", "Sofia", "Luca", "Emma", "Noah", "Chloé", "Olivia", "Mateo", "Inès", "Liam", "Hannah"];

    private static readonly string[] Last =
    ["Doe", "Martin", "Bernard", "Müller", "Smith", "García", "Rossi", "Dubois", "O'Brien", "Janssens", "Peeters", "Schmid", "de Vries", "Tremblay", "Brown", "Nguyen"];

    public static string Name(ref Rng rng) => string.Concat(rng.Pick(First), " ", rng.Pick(Last));
}
