/**
 * RFC 3261 §12 dialogs: the state a UA keeps between requests of one call (identity, route set,
 * remote target, sequence numbers) and the construction of in-dialog requests from it.
 */
package io.ramal.sip.dialog;
