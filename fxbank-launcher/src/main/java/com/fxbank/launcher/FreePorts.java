package com.fxbank.launcher;

/** Ports nobody listens on, for a bank beside the one {@code ./fxbank up} may be running. */
final class FreePorts {

    private FreePorts() {
    }

    static int next() {
        return com.fxbank.common.net.FreePorts.pick();
    }
}
