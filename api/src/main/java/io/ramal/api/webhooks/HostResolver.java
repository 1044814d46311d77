package io.ramal.api.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves a host name to its addresses (the JVM's resolver in production, a table in tests). */
@FunctionalInterface
public interface HostResolver {

    /** The JVM's resolver, whose positive cache the HTTP client then shares. */
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    List<InetAddress> resolve(String host) throws UnknownHostException;
}
