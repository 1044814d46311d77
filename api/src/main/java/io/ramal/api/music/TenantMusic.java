package io.ramal.api.music;

/**
 * The port behind {@code /api/v1/music-on-hold}: where each tenant's music on hold is checked,
 * kept (so it survives a restart) and made what its held callers hear. The server implements it
 * over the media plane's music on hold; the API never decodes audio itself.
 */
public interface TenantMusic {
    /** The largest upload accepted, in bytes (a larger body is refused before it is read). */
    long maxUploadBytes();

    /** Checks {@code wav} and, if it is usable, makes it the tenant's music from the next hold on. */
    MusicUpload upload(String tenantId, byte[] wav);

    /** The music the tenant's held callers hear now: its upload, or the built-in music. */
    HoldMusic current(String tenantId);

    /** Goes back to the built-in music; false when the tenant had no upload. */
    boolean useDefault(String tenantId);
}
