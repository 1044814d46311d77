package io.ramal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleGroupTest {
    private final List<String> journal = new ArrayList<>();

    @Test
    void startsInOrderAndStopsInReverse() {
        LifecycleGroup group = new LifecycleGroup(List.of(recording("store"), recording("pbx"), recording("http")));
        group.start();
        group.stop();
        assertThat(journal).containsExactly(
                "start store", "start pbx", "start http", "stop http", "stop pbx", "stop store");
    }

    @Test
    void aFailedStartStopsWhatAlreadyStarted() {
        Lifecycle broken = Lifecycle.of("pbx", () -> {
            throw new java.net.BindException("Address already in use");
        }, () -> journal.add("stop pbx"));
        LifecycleGroup group = new LifecycleGroup(List.of(recording("store"), broken, recording("http")));

        assertThatThrownBy(group::start)
                .isInstanceOf(StartupFailedException.class)
                .hasMessage("pbx failed to start: Address already in use")
                .satisfies(e -> assertThat(((StartupFailedException) e).component()).isEqualTo("pbx"));
        assertThat(journal).containsExactly("start store", "stop store");
    }

    @Test
    void aFailingStopDoesNotKeepOthersRunning() {
        Lifecycle noisy = Lifecycle.of("pbx", () -> journal.add("start pbx"), () -> {
            throw new IllegalStateException("boom");
        });
        LifecycleGroup group = new LifecycleGroup(List.of(recording("store"), noisy));
        group.start();
        group.stop();
        assertThat(journal).containsExactly("start store", "start pbx", "stop store");
    }

    @Test
    void stoppingTwiceStopsOnce() {
        LifecycleGroup group = new LifecycleGroup(List.of(recording("http")));
        group.start();
        group.stop();
        group.stop();
        assertThat(journal).containsExactly("start http", "stop http");
    }

    @Test
    void reportsEndpointsOfStartedComponents() {
        Lifecycle http = new Lifecycle() {
            @Override
            public String name() {
                return "http";
            }

            @Override
            public void start() {
            }

            @Override
            public void stop() {
            }

            @Override
            public List<String> endpoints() {
                return List.of("http  http://127.0.0.1:8080/");
            }
        };
        LifecycleGroup group = new LifecycleGroup(List.of(recording("store"), http));
        assertThat(group.endpoints()).isEmpty();
        group.start();
        assertThat(group.endpoints()).containsExactly("http  http://127.0.0.1:8080/");
    }

    private Lifecycle recording(String name) {
        return Lifecycle.of(name, () -> journal.add("start " + name), () -> journal.add("stop " + name));
    }
}
