/**
 * A tenant's voice menus under {@code /api/v1/ivrs}: their keys' targets, timeouts and retries, and
 * their prompts (WAV uploads checked like music on hold). See {@code docs/ivr-api.md}.
 */
package io.ramal.api.ivr;
