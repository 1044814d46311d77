package io.ramal.pbx.directory;

import io.ramal.sip.transport.AddressRange;
import io.ramal.sip.transport.Transport;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A SIP trunk of a tenant. {@code username}/{@code password} authenticate us to the provider
 * (outbound registration and challenged INVITEs); the password is the provider's, not a user's.
 *
 * @param realm            the only realm whose challenges are answered; empty: whatever the provider names
 * @param registerExpiry   the registration interval asked of the provider
 * @param outboundPrefixes number prefixes that leave through this trunk; empty: every external number
 * @param callerId         the number presented as caller on calls out through it; empty: the caller's own
 * @param inboundSources   where the provider's calls come from, besides {@code host:port}
 */
public record Trunk(
    String tenantId, String name, String host, int port, Transport transport, Optional<String> username,
    Optional<String> password, boolean register, Optional<String> realm, Duration registerExpiry,
    List<String> outboundPrefixes, Optional<String> callerId, List<AddressRange> inboundSources) {

  /** What a provider is asked for unless told otherwise. */
  public static final Duration DEFAULT_REGISTER_EXPIRY = Duration.ofHours(1);

  public Trunk {
    Objects.requireNonNull(registerExpiry, "registerExpiry");
    outboundPrefixes = List.copyOf(outboundPrefixes);
    Objects.requireNonNull(callerId, "callerId");
    inboundSources = List.copyOf(inboundSources);
  }

  /** A trunk for every external number, reached only from {@code host:port}. */
  public Trunk(String tenantId, String name, String host, int port, Transport transport, Optional<String> username,
      Optional<String> password, boolean register, Optional<String> realm) {
    this(tenantId, name, host, port, transport, username, password, register, realm, DEFAULT_REGISTER_EXPIRY,
        List.of(), Optional.empty(), List.of());
  }

  /** Never prints the password: trunks end up in log lines and exception messages. */
  @Override
  public String toString() {
    return "Trunk[tenantId=" + tenantId + ", name=" + name + ", host=" + host + ", port=" + port + ", transport="
        + transport + ", username=" + username.orElse("") + ", password=" + (password.isPresent() ? "****" : "")
        + ", register=" + register + "]";
  }

  public boolean hasCredentials() {
    return username.isPresent() && password.isPresent();
  }

  /**
   * How well this trunk fits {@code number}: the length of its longest outbound prefix the number
   * starts with (0 when it carries every number), or -1 when it does not carry the number.
   */
  public int outboundFit(String number) {
    if (outboundPrefixes.isEmpty()) return 0;
    int best = -1;
    for (String prefix : outboundPrefixes) {
      if (number.startsWith(prefix)) best = Math.max(best, prefix.length());
    }
    return best;
  }

  /** Whether a request from {@code address} is listed as coming from this trunk's provider (any port). */
  public boolean listsSource(InetAddress address) {
    for (AddressRange range : inboundSources) {
      if (range.contains(address)) return true;
    }
    return false;
  }
}
