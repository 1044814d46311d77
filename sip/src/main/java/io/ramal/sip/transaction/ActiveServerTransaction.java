package io.ramal.sip.transaction;

/** A server transaction the TU may still respond on: what the layer keeps until the final response. */
sealed interface ActiveServerTransaction extends ServerTransaction, ServerRecord
    permits InviteServerTransaction, NonInviteServerTransaction {}
