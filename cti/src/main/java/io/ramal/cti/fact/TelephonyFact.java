package io.ramal.cti.fact;

import java.time.Instant;

/** Something the PBX observed, reported to the CTI core of its tenant. */
public sealed interface TelephonyFact permits CallFact, DeviceFact {
    /** The tenant the fact belongs to. */
    String tenant();

    /** When it happened (the PBX's clock). */
    Instant at();
}
