package io.ramal.sip.transport;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A block of IP addresses in CIDR notation ({@code 192.0.2.0/24}, {@code 2001:db8::/32}), or one
 * address ({@code 192.0.2.7}, the same as {@code /32}). Parsed from literals only: a host name is
 * refused, never looked up. The network is kept with its host bits cleared, so
 * {@code 192.0.2.7/24} reads back as {@code 192.0.2.0/24}.
 */
public record AddressRange(InetAddress network, int prefixLength) {
  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  public AddressRange {
    Objects.requireNonNull(network, "network");
    int bits = bitsOf(network);
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException("prefix length must be 0 to " + bits + ": " + prefixLength);
    }
    network = masked(network, prefixLength);
  }

  /** {@code address} or {@code address/prefix}; throws {@link IllegalArgumentException} for anything else. */
  public static AddressRange parse(CharSequence text) {
    String s = text.toString().strip();
    int slash = s.indexOf('/');
    String literal = slash < 0 ? s : s.substring(0, slash);
    if (literal.startsWith("[") && literal.endsWith("]")) literal = literal.substring(1, literal.length() - 1);
    InetAddress address = literal(literal).orElseThrow(() -> new IllegalArgumentException("not an IP address: " + s));
    if (slash < 0) return new AddressRange(address, bitsOf(address));
    String prefix = s.substring(slash + 1);
    if (prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("not a prefix length: " + s);
    }
    return new AddressRange(address, Integer.parseInt(prefix));
  }

  /**
   * The address an IPv4 dotted quad or an IPv6 literal names; empty for anything else. Never a
   * name look-up: IPv4 is parsed here (Java would take {@code 1.2.3} or look {@code 999.1.1.1} up
   * in DNS), and text with a colon is always taken as an IPv6 literal by Java.
   */
  public static Optional<InetAddress> literal(String text) {
    try {
      if (IPV4.matcher(text).matches()) {
        String[] parts = text.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
          int octet = Integer.parseInt(parts[i]);
          if (octet > 255) return Optional.empty();
          bytes[i] = (byte) octet;
        }
        return Optional.of(InetAddress.getByAddress(bytes));
      }
      if (text.indexOf(':') >= 0 && IPV6.matcher(text).matches()) {
        return Optional.of(InetAddress.getByName(text));
      }
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** Whether {@code address} lies in this range (an IPv4 address is never in an IPv6 range, nor the reverse). */
  public boolean contains(InetAddress address) {
    if (bitsOf(address) != bitsOf(network)) return false;
    return masked(address, prefixLength).equals(network);
  }

  /** Whether the range is one address. */
  public boolean single() {
    return prefixLength == bitsOf(network);
  }

  /** 32 for IPv4, 128 for IPv6. */
  public int addressBits() {
    return bitsOf(network);
  }

  private static int bitsOf(InetAddress address) {
    return address instanceof Inet4Address ? 32 : 128;
  }

  private static InetAddress masked(InetAddress address, int prefixLength) {
    byte[] bytes = address.getAddress();
    for (int i = 0; i < bytes.length; i++) {
      int keep = Math.max(0, Math.min(8, prefixLength - 8 * i));
      bytes[i] = (byte) (bytes[i] & (0xff << (8 - keep)));
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("an address of 4 or 16 bytes is always valid", e);
    }
  }

  /** The canonical text: the address alone for one address, else {@code network/prefix}; IPv6 compressed. */
  @Override
  public String toString() {
    String host = Peer.hostText(network);
    if (host.startsWith("[")) host = host.substring(1, host.length() - 1);
    return single() ? host : host + "/" + prefixLength;
  }
}
