package io.ramal.api.calls;

/**
 * Which extensions a tenant has. The CTI core knows only devices that registered, so it cannot
 * tell an unknown extension (404) from one that is merely offline (409); this can.
 */
@FunctionalInterface
public interface ExtensionDirectory {
    boolean exists(String tenant, String number);
}
