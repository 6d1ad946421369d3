package com.fxbank.testsupport;

/** A port nothing listens on right now, for a service a test starts on a fixed port (so it can restart there). */
public final class FreePorts {

    private FreePorts() {
    }

    public static int pick() {
        return com.fxbank.common.net.FreePorts.pick();
    }
}
