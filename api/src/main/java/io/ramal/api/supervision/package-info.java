/**
 * Supervision of live calls: a supervisor listens, whispers to the agent or barges in on any
 * answered call of its tenant ({@link io.ramal.api.supervision.SupervisionRoutes}); the PBX reports
 * each step to the {@link io.ramal.api.supervision.SupervisionDesk}, which sends the events and
 * keeps the audit.
 */
package io.ramal.api.supervision;
