/**
 * Queues over REST and events: the {@link io.ramal.api.queues.QueueDesk} runs each tenant's
 * {@link io.ramal.cti.queue.CallDistributor} on the tenant's CTI lane, stores its membership changes,
 * appends its events and hands its effects to the PBX; the PBX reports queue calls to
 * {@link io.ramal.api.queues.QueueDesk#report}. The routes classes are the REST surface (see
 * {@code docs/queues-api.md}).
 */
package io.ramal.api.queues;
