using System.Net;
using System.Net.Sockets;

namespace Companion.Silo.Webhooks;

/// <summary>
/// Where a webhook may point (SSRF): https only, or loopback when allowed (Development or
/// <c>Webhooks:AllowLoopbackHttp</c>); never an unspecified, link-local, multicast or cloud
/// metadata address. A name is checked by every address it resolves to, when the webhook is
/// registered and again at each connection, so a name that later resolves elsewhere is refused too.
/// </summary>
public static class WebhookTargets
{
    // Metadata services outside 169.254.0.0/16: Alibaba Cloud, Oracle Cloud, AWS over IPv6.
    private static readonly IPAddress[] MetadataAddresses =
        [IPAddress.Parse("100.100.100.200"), IPAddress.Parse("192.0.0.192"), IPAddress.Parse("fd00:ec2::254")];

    /// <summary>Why <paramref name="url"/> may not be a webhook's URL (a sentence that says what to send instead), or null when it may.</summary>
    public static async Task<string?> RefuseUrlAsync(string? url, bool allowLoopback, CancellationToken cancellationToken)
    {
        if (RefuseShape(url, allowLoopback, out var uri) is { } refusal)
        {
            return refusal;
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException e)
        {
            return $"'{uri.Host}' could not be resolved ({e.SocketErrorCode}); register a webhook whose host resolves.";
        }

        return RefuseAddresses(uri, addresses, allowLoopback);
    }

    /// <summary>The checks that need no lookup: an absolute http(s) URL without credentials, http only where loopback is allowed.</summary>
    public static string? RefuseShape(string? url, bool allowLoopback, out Uri uri)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp))
        {
            uri = new Uri("https://invalid.invalid/");
            return "'url' must be an absolute https URL, such as 'https://hooks.example.com/companion'.";
        }

        uri = parsed;
        if (!string.IsNullOrEmpty(parsed.UserInfo))
        {
            return "'url' must not carry a user name or password; the signature authenticates each delivery.";
        }

        if (parsed.Scheme == Uri.UriSchemeHttp && !allowLoopback)
        {
            return "'url' must use https. Plain http is only for a receiver on loopback in Development or where 'Webhooks:AllowLoopbackHttp' is true.";
        }

        return null;
    }

    /// <summary>Why a connection to <paramref name="addresses"/> (all that the host resolved to) is refused, or null when every one may be reached.</summary>
    public static string? RefuseAddresses(Uri uri, IReadOnlyCollection<IPAddress> addresses, bool allowLoopback)
    {
        if (addresses.Count == 0)
        {
            return $"'{uri.Host}' resolved to no address; register a webhook whose host resolves.";
        }

        foreach (var address in addresses)
        {
            if (RefuseAddress(address, allowLoopback) is { } why)
            {
                return $"'{uri.Host}' resolves to {address}, {why}; webhooks go only to public https receivers.";
            }
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !addresses.All(IPAddress.IsLoopback))
        {
            return "'url' must use https. Plain http is only for a receiver on loopback (127.0.0.1 or ::1).";
        }

        return null;
    }

    /// <summary>Why one address is refused (a phrase), or null.</summary>
    public static string? RefuseAddress(IPAddress address, bool allowLoopback)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return allowLoopback ? null : "a loopback address (allowed only in Development or with 'Webhooks:AllowLoopbackHttp')";
        }

        if (MetadataAddresses.Contains(address))
        {
            return "a cloud metadata address";
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var bytes = address.GetAddressBytes();
            return bytes switch
            {
                [0, ..] => "an unspecified address (0.0.0.0/8)",
                [169, 254, ..] => "a link-local address (169.254.0.0/16, where cloud metadata lives)",
                [>= 224, ..] => "a multicast, reserved or broadcast address",
                _ => null,
            };
        }

        if (address.Equals(IPAddress.IPv6Any))
        {
            return "an unspecified address (::)";
        }

        if (address.IsIPv6LinkLocal)
        {
            return "a link-local address (fe80::/10)";
        }

        return address.IsIPv6Multicast ? "a multicast address" : null;
    }
}
