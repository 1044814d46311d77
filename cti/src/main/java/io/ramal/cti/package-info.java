/**
 * Pure CTI domain: devices, calls and parties in CSTA terms; telephony facts and commands in,
 * events out. No I/O, no threads, no clock reads: time arrives on every fact.
 *
 * <p>This package holds the shared vocabulary (values and snapshots). The sub-packages hold
 * what crosses the module's edges: {@code fact} (what the PBX reports), {@code event} (what
 * integrators receive), {@code control} (commands and the {@code CallControl} port the PBX
 * implements) and {@code core} (the per-tenant state machine that joins them).
 */
package io.ramal.cti;
