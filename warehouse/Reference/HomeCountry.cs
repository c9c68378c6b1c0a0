using System.Globalization;
using PhoneNumbers;

namespace Analytics.Warehouse.Reference;

/// <summary>The country a PBX dials national numbers in (<c>Sources:TeleVoips:HomeCountry</c>), as libphonenumber knows it.</summary>
internal static class HomeCountry
{
    /// <summary>The calling code of <paramref name="region"/> (<c>1</c> for US, <c>33</c> for FR), or null when libphonenumber does not know it.</summary>
    public static string? CallingCode(string region)
    {
        var code = PhoneNumberUtil.GetInstance().GetCountryCodeForRegion(region.Trim().ToUpperInvariant());
        return code == 0 ? null : code.ToString(CultureInfo.InvariantCulture);
    }
}
