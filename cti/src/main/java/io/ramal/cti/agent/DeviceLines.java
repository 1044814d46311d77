package io.ramal.cti.agent;

/** What the roster needs to know about the tenant's devices, read from the CTI state when asked. */
public interface DeviceLines {
    /** Nothing registered, no calls. */
    DeviceLines NONE = new DeviceLines() {
        @Override
        public boolean registered(String device) {
            return false;
        }

        @Override
        public boolean inCall(String device) {
            return false;
        }
    };

    /** At least one contact of the device is registered. */
    boolean registered(String device);

    /** The device is a party of a live call (ringing, talking, holding or dialling). */
    boolean inCall(String device);
}
