/**
 * Agents over REST and events: the {@link io.ramal.api.agents.AgentDesk} runs each tenant's
 * {@link io.ramal.cti.agent.AgentRoster} on the tenant's CTI lane, stores its ledger changes and appends
 * its events; the routes classes are the REST surface (see {@code docs/agents-api.md}).
 */
package io.ramal.api.agents;
