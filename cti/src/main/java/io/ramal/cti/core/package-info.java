/**
 * The CTI core: one {@link io.ramal.cti.core.Switchboard} per tenant turns telephony facts into
 * events and checks commands against the current state. Single-threaded by contract: each
 * switchboard is driven by one writer (the tenant's serial executor).
 */
package io.ramal.cti.core;
