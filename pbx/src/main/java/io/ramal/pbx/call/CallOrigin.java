package io.ramal.pbx.call;

import io.ramal.sip.transport.Peer;

/** Who places a call: tenant, the caller's number and display name, and where the INVITE came from. */
public record CallOrigin(String tenantId, String number, String displayName, Peer source, String domain) {}
