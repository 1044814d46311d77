package io.ramal.server.http;

import io.javalin.config.RoutesConfig;

/**
 * Extra routes another part of the server mounts on the HTTP listener (for example the REST
 * API). Called once while the server is being configured, before it starts.
 */
@FunctionalInterface
public interface HttpRoutes {
    void addTo(RoutesConfig routes);
}
