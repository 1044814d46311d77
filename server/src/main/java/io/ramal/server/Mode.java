package io.ramal.server;

/** How the server was asked to run. */
public enum Mode {
    /** Embedded defaults, loopback only, a seeded demo tenant. */
    DEMO,
    /** Production: a config file is required. */
    SERVE
}
