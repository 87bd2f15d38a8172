package nl.factorspel.server;

import io.vertx.core.http.HttpServerRequest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address of the person behind a request, for every per-address limit. Behind a reverse proxy every
 * request comes from the proxy, so {@code X-Forwarded-For} is read, but only when the request comes from
 * a configured proxy ({@code trusted-proxies}); the client is the right-most address in it that is not a
 * trusted proxy itself (the addresses left of it are whatever the client chose to send).
 */
final class ClientAddress {

    /** An IPv4 or IPv6 literal: parsing one never asks DNS. */
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?");

    /** One trusted network: an address and how many leading bits must match. */
    private record Network(byte[] address, int bits) {
        boolean contains(byte[] other) {
            if (other.length != address.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((address[i / 8] & mask) != (other[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Network> trusted;

    /** @param trustedProxies addresses or CIDR networks ({@code 10.0.0.0/8}, {@code ::1}) whose X-Forwarded-For is believed */
    ClientAddress(List<String> trustedProxies) {
        List<Network> networks = new ArrayList<>();
        for (String entry : trustedProxies) {
            networks.add(network(entry.strip()));
        }
        this.trusted = List.copyOf(networks);
    }

    private static Network network(String entry) {
        int slash = entry.indexOf('/');
        byte[] address = parse(slash < 0 ? entry : entry.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("trusted-proxies: \"" + entry + "\" is not an IP address or CIDR network");
        }
        int bits = address.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > address.length * 8) {
                throw new IllegalArgumentException("trusted-proxies: \"" + entry + "\" has no valid prefix length");
            }
        }
        return new Network(address, bits);
    }

    /** The bytes of an IP literal (IPv4-mapped IPv6 as IPv4), or null when it is not one. */
    private static byte[] parse(String literal) {
        String s = literal.strip();
        if (s.startsWith("[") && s.contains("]")) {
            s = s.substring(1, s.indexOf(']'));
        } else if (s.indexOf(':') > 0 && s.indexOf(':') == s.lastIndexOf(':') && s.contains(".")) {
            s = s.substring(0, s.indexOf(':')); // IPv4 with a port
        }
        if (s.isEmpty() || s.length() > 64 || !LITERAL.matcher(s).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private boolean trusted(byte[] address) {
        return address != null && trusted.stream().anyMatch(n -> n.contains(address));
    }

    /** The client's address of a request: the peer, or behind a trusted proxy the client it forwarded for. */
    String of(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        if (trusted.isEmpty() || !trusted(parse(peer))) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : request.headers().getAll("X-Forwarded-For")) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] address = parse(hops.get(i));
            if (address == null) {
                break; // not an address: whatever is left of it cannot be believed either
            }
            client = canonical(address);
            if (!trusted(address)) {
                break;
            }
        }
        return client;
    }

    private static String canonical(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes is always valid", e);
        }
    }
}
