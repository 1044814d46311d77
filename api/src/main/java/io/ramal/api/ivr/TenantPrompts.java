package io.ramal.api.ivr;

import java.util.Optional;

/**
 * The port behind the prompt uploads of {@code /api/v1/ivrs/{name}/prompt}: where each tenant's prompt
 * audio is checked, converted to the form it is played in and kept under its reference (the SHA-256 of
 * that form), so menus can name it. The server implements it over files; the API never decodes audio.
 */
public interface TenantPrompts {
    /** The largest upload accepted, in bytes (a larger body is refused before it is read). */
    long maxUploadBytes();

    /** Checks {@code wav} and, if it is usable, keeps it; the result names it by its reference. */
    PromptUpload store(String tenantId, byte[] wav);

    /** The prompt kept under {@code reference}, as it is played. */
    Optional<StoredPrompt> find(String tenantId, String reference);

    /** The tenant no longer uses {@code reference}: its audio may go. */
    void forget(String tenantId, String reference);
}
