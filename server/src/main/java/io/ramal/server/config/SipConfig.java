package io.ramal.server.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The SIP listener and call handling settings ({@code sip.*}).
 *
 * @param bind             IPv4 (or IPv6) address the SIP sockets bind to
 * @param bind6            explicit IPv6 address to bind in addition; empty means "derive from {@code bind}"
 *                         (see {@link #ipv6Bind()})
 * @param port             SIP port for every transport
 * @param transports       transports to listen on, in order, without duplicates
 * @param ipv6             whether to also listen on IPv6
 * @param realm            digest realm for every tenant; empty means each tenant's first domain
 * @param noAnswerTimeout  how long an extension rings before the call is given up
 * @param overload         when new requests are refused with 503 because the SIP core is behind
 * @param park             call park slots and timeout
 */
public record SipConfig(
        String bind,
        Optional<String> bind6,
        int port,
        List<SipTransport> transports,
        boolean ipv6,
        Optional<String> realm,
        Duration noAnswerTimeout,
        RegistrationConfig registration,
        GuardConfig guard,
        OverloadConfig overload,
        ParkConfig park) {

    /** Settings with the default call park. */
    public SipConfig(String bind, Optional<String> bind6, int port, List<SipTransport> transports, boolean ipv6,
            Optional<String> realm, Duration noAnswerTimeout, RegistrationConfig registration, GuardConfig guard,
            OverloadConfig overload) {
        this(bind, bind6, port, transports, ipv6, realm, noAnswerTimeout, registration, guard, overload,
                ParkConfig.DEFAULTS);
    }

    public SipConfig {
        Objects.requireNonNull(park, "park");
        Objects.requireNonNull(overload, "overload");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(bind6, "bind6");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(noAnswerTimeout, "noAnswerTimeout");
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(guard, "guard");
        if (bind.isBlank()) {
            throw new IllegalArgumentException("bind address must not be empty");
        }
        Ports.check("port", port);
        transports = List.copyOf(transports);
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("transports must name at least one transport (udp, tcp)");
        }
        if (new HashSet<>(transports).size() != transports.size()) {
            throw new IllegalArgumentException("transports lists a transport twice: " + transports);
        }
        if (realm.isPresent() && realm.get().isBlank()) {
            throw new IllegalArgumentException("realm must not be empty");
        }
        if (noAnswerTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(
                    "no_answer_timeout must be at least 1s, got " + DurationText.format(noAnswerTimeout));
        }
    }

    /**
     * The IPv6 address to listen on besides {@link #bind()}, if any: {@code bind6} when given;
     * otherwise {@code ::1} for a loopback {@code bind}, {@code ::} for {@code 0.0.0.0}, and
     * nothing for other addresses. Always empty when {@code ipv6} is false or {@code bind} is
     * itself IPv6.
     */
    public Optional<String> ipv6Bind() {
        if (!ipv6 || bind.contains(":")) {
            return Optional.empty();
        }
        if (bind6.isPresent()) {
            return bind6;
        }
        if (bind.equals("0.0.0.0")) {
            return Optional.of("::");
        }
        if (bind.startsWith("127.") || bind.equals("localhost")) {
            return Optional.of("::1");
        }
        return Optional.empty();
    }

    public SipConfig withPort(int newPort) {
        return new SipConfig(bind, bind6, newPort, transports, ipv6, realm, noAnswerTimeout, registration, guard, overload,
                park);
    }
}
