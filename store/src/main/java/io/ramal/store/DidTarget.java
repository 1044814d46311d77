package io.ramal.store;

/** Where a call to a DID goes: an extension of the DID's tenant, or one of its queues. */
public sealed interface DidTarget {
    /** The extension number or the queue name. */
    String name();

    record Extension(String name) implements DidTarget {
        public Extension {
            Text.requireNonBlank(name, "extension");
        }
    }

    record Queue(String name) implements DidTarget {
        public Queue {
            Text.requireNonBlank(name, "queue");
        }
    }
}
