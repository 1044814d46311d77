package io.ramal.server;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts components in order and stops the started ones in reverse order. If one fails to
 * start, those already started are stopped before the failure is reported. Stopping twice
 * is harmless, and a component whose stop throws does not keep the others from stopping.
 */
public final class LifecycleGroup {
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleGroup.class);

    private final List<Lifecycle> components;
    private final List<Lifecycle> started = new ArrayList<>();

    public LifecycleGroup(List<Lifecycle> components) {
        this.components = List.copyOf(components);
    }

    /** @throws StartupFailedException naming the component that failed */
    public synchronized void start() {
        if (!started.isEmpty()) {
            throw new IllegalStateException("already started");
        }
        for (Lifecycle component : components) {
            try {
                component.start();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.atError().addKeyValue("component", component.name()).setCause(e).log("start failed");
                stop();
                throw new StartupFailedException(component.name(), e);
            }
            started.add(component);
            LOG.atInfo().addKeyValue("component", component.name()).log("started");
        }
    }

    public synchronized void stop() {
        for (int i = started.size() - 1; i >= 0; i--) {
            Lifecycle component = started.get(i);
            try {
                component.stop();
                LOG.atInfo().addKeyValue("component", component.name()).log("stopped");
            } catch (RuntimeException e) {
                LOG.atWarn().addKeyValue("component", component.name()).setCause(e).log("stop failed");
            }
        }
        started.clear();
    }

    /** Endpoints of the started components, in start order. */
    public synchronized List<String> endpoints() {
        return started.stream().flatMap(c -> c.endpoints().stream()).toList();
    }
}
