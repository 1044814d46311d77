package io.ramal.pbx.directory;

import io.ramal.sip.transport.Transport;
import java.util.Optional;

/**
 * A SIP trunk of a tenant. {@code username}/{@code password} authenticate us to the provider
 * (outbound registration and challenged INVITEs); the password is the provider's, not a user's.
 */
public record Trunk(
    String tenantId, String name, String host, int port, Transport transport, Optional<String> username,
    Optional<String> password, boolean register, Optional<String> realm) {

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
}
