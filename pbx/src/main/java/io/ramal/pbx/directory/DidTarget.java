package io.ramal.pbx.directory;

/** Where a call to one of a tenant's DIDs goes. */
public sealed interface DidTarget {
  /** Rings extension {@code number} of the DID's tenant. */
  record Extension(String number) implements DidTarget {}

  /** Waits in queue {@code name} of the DID's tenant until an agent answers. */
  record Queue(String name) implements DidTarget {}
}
