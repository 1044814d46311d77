package io.ramal.cti;

/**
 * Something a call can reach: a device (an extension of the tenant, by its number) or an
 * external number reached through a trunk. Two endpoints are equal when both fields are.
 */
public record Endpoint(String number, boolean external) {
    public Endpoint {
        Identifiers.nonBlank(number, "number");
    }

    /** An extension of the tenant. */
    public static Endpoint device(String number) {
        return new Endpoint(number, false);
    }

    /** A number outside the tenant, reached through a trunk. */
    public static Endpoint external(String number) {
        return new Endpoint(number, true);
    }

    @Override
    public String toString() {
        return external ? "external:" + number : "device:" + number;
    }
}
