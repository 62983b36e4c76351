package dev.coffeeshop.notification.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Keeps webhooks away from the shop's own network (server-side request forgery): a destination is refused when any
 * address its host resolves to is loopback, private, link-local (the cloud metadata address 169.254.169.254 among
 * them), unique-local, carrier-grade NAT, multicast or unspecified, unless its host (or host and port) is allow-listed.
 *
 * <p>The check resolves the host, then the HTTP client resolves it again to connect: a DNS server that answers
 * differently the second time (rebinding) can slip past it. Redirects are never followed, so a receiver cannot
 * bounce a delivery into the network either.
 */
class DestinationGuard {

    /** Resolves a host name to all its addresses; the JDK's resolver outside tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final List<String> allowed;
    private final Resolver resolver;

    public DestinationGuard(List<String> allowedHosts, Resolver resolver) {
        this.allowed = allowedHosts.stream()
                .map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty())
                .toList();
        this.resolver = resolver;
    }

    public DestinationGuard(List<String> allowedHosts) {
        this(allowedHosts, InetAddress::getAllByName);
    }

    /**
     * Checks {@code url} before a delivery.
     *
     * @throws RefusedDestinationException naming why, when it must not be called
     */
    public void check(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedDestinationException("only http and https are delivered to, not '" + scheme + "'");
        }
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            throw new RefusedDestinationException("the URL has no host");
        }
        if (url.getRawUserInfo() != null) {
            throw new RefusedDestinationException("the URL carries credentials");
        }
        if (allowListed(url)) {
            return;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new RefusedDestinationException("the host " + host + " does not resolve");
        }
        if (addresses.length == 0) {
            throw new RefusedDestinationException("the host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            String why = internal(address);
            if (why != null) {
                throw new RefusedDestinationException(
                        "the host " + host + " resolves to " + why + " address " + address.getHostAddress());
            }
        }
    }

    private boolean allowListed(URI url) {
        String host = url.getHost().toLowerCase(Locale.ROOT);
        int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        return allowed.contains(host) || allowed.contains(host + ":" + port);
    }

    /** Why {@code address} is internal (its class, as a word), or null when it is a public unicast address. */
    public static @Nullable String internal(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "an unspecified";
        }
        if (address.isLoopbackAddress()) {
            return "a loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "a private";
        }
        if (address.isMulticastAddress()) {
            return "a multicast";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            if (first == 0) {
                return "a this-network";
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return "a carrier-grade NAT";
            }
            if (first == 169 && second == 254) {
                return "a link-local";
            }
            if (first >= 240) {
                return "a reserved";
            }
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xFF;
            if ((first & 0xFE) == 0xFC) {
                return "a unique-local";
            }
            if ((first == 0xFE) && ((b[1] & 0xC0) == 0xC0)) {
                return "a site-local";
            }
            // ::ffff:a.b.c.d (IPv4-mapped) and 64:ff9b::a.b.c.d (NAT64) reach the IPv4 address they embed
            boolean mapped = isZero(b, 0, 10) && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
            boolean nat64 = (b[0] & 0xFF) == 0x00
                    && (b[1] & 0xFF) == 0x64
                    && (b[2] & 0xFF) == 0xFF
                    && (b[3] & 0xFF) == 0x9B
                    && isZero(b, 4, 12);
            boolean compatible = isZero(b, 0, 12) && !isZero(b, 12, 16);
            if (mapped || nat64 || compatible) {
                try {
                    String embedded = internal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                    if (embedded != null) {
                        return embedded;
                    }
                } catch (UnknownHostException e) {
                    return "an unreadable";
                }
            }
        }
        return null;
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** A destination that must not be called, with the reason. */
    public static class RefusedDestinationException extends RuntimeException {
        public RefusedDestinationException(String reason) {
            super(reason);
        }
    }
}
