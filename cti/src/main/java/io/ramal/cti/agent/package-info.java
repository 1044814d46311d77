/**
 * Agents and their pause intervals, as a pure state machine per tenant ({@link io.ramal.cti.agent.AgentRoster}):
 * commands (log in, log out, pause, make available) and observations (the agent's client sockets, its
 * device's registration and calls, the passing of time) in; {@link io.ramal.cti.agent.AgentEvent events}
 * and {@link io.ramal.cti.agent.LedgerChange ledger changes} out. No clock, no I/O: the caller passes
 * {@code now} and persists what comes out.
 */
package io.ramal.cti.agent;
