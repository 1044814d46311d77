package io.ramal.pbx.core;

import io.ramal.pbx.registrar.RegistrationPolicy;
import io.ramal.sip.auth.GuardPolicy;
import io.ramal.sip.transaction.TimerSettings;
import io.ramal.sip.transport.Transport;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Settings of the SIP side. {@code bindAddresses} are the local addresses to listen on (one per
 * address family); {@code advertisedHost} replaces a wildcard bind address in Via/Contact.
 */
public record PbxSettings(
    List<InetAddress> bindAddresses, int port, Set<Transport> transports, String advertisedHost,
    Duration noAnswerTimeout, RegistrationPolicy registration, GuardPolicy guard, TimerSettings timers, int shards,
    int maxTcpConnections, String userAgent, OverloadPolicy overload) {

  public PbxSettings {
    bindAddresses = List.copyOf(bindAddresses);
    transports = Set.copyOf(transports);
    if (bindAddresses.isEmpty()) throw new IllegalArgumentException("no SIP bind address");
    if (shards < 1) throw new IllegalArgumentException("shards must be at least 1");
    java.util.Objects.requireNonNull(overload, "overload");
  }

  public static PbxSettings loopback(int port) {
    return new PbxSettings(List.of(InetAddress.getLoopbackAddress()), port, Set.of(Transport.UDP, Transport.TCP), "",
        Duration.ofSeconds(30), RegistrationPolicy.DEFAULTS, GuardPolicy.defaults(), TimerSettings.RFC3261,
        Math.max(1, Runtime.getRuntime().availableProcessors()), 10_000, "Ramal/0.1", OverloadPolicy.DEFAULTS);
  }

  public PbxSettings withNoAnswerTimeout(Duration d) {
    return new PbxSettings(bindAddresses, port, transports, advertisedHost, d, registration, guard, timers, shards,
        maxTcpConnections, userAgent, overload);
  }

  public PbxSettings withBindAddresses(List<InetAddress> addresses) {
    return new PbxSettings(addresses, port, transports, advertisedHost, noAnswerTimeout, registration, guard, timers,
        shards, maxTcpConnections, userAgent, overload);
  }

  public PbxSettings withGuard(GuardPolicy g) {
    return new PbxSettings(bindAddresses, port, transports, advertisedHost, noAnswerTimeout, registration, g, timers,
        shards, maxTcpConnections, userAgent, overload);
  }

  public PbxSettings withOverload(OverloadPolicy o) {
    return new PbxSettings(bindAddresses, port, transports, advertisedHost, noAnswerTimeout, registration, guard, timers,
        shards, maxTcpConnections, userAgent, o);
  }
}
