package io.ramal.pbx.directory;

/** Where a call to one of a tenant's DIDs goes: an extension, a queue or a voice menu. */
public sealed interface DidTarget {
  /** Rings extension {@code number} of the DID's tenant. */
  record Extension(String number) implements DidTarget {}

  /** Waits in queue {@code name} of the DID's tenant until an agent answers. */
  record Queue(String name) implements DidTarget {}

  /** Is answered by voice menu {@code name} of the DID's tenant, whose prompt then plays. */
  record Ivr(String name) implements DidTarget {}
}
