package io.ramal.store;

/** Where a call to a DID goes: an extension of the DID's tenant, one of its queues, or one of its voice menus. */
public sealed interface DidTarget {
    /** The extension number, the queue name or the menu name. */
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

    record Ivr(String name) implements DidTarget {
        public Ivr {
            Text.requireNonBlank(name, "ivr");
        }
    }
}
