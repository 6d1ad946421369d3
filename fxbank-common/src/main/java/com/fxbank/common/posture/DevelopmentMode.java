package com.fxbank.common.posture;

import org.springframework.core.env.Environment;

/**
 * FxBank fails closed: outside an explicit development mode a service refuses to start on a setting that would let
 * money be minted or lost (the public development secret, topics whose acknowledged writes a broker's death can
 * lose). {@code ./fxbank up}, the demo, the load tool and the tests declare development mode; a production
 * deployment never does.
 */
public final class DevelopmentMode {

    /** {@code fxbank.development-mode=true}, or the environment variable {@code FXBANK_DEVELOPMENT_MODE=true}. */
    public static final String PROPERTY = "fxbank.development-mode";

    private DevelopmentMode() {
    }

    public static boolean isDeclared(Environment environment) {
        return environment.getProperty(PROPERTY, Boolean.class, false);
    }

    /** The sentence every refusal ends with. */
    public static String howToDeclare() {
        return "or, on a developer's machine only, declare development mode (" + PROPERTY
                + "=true or FXBANK_DEVELOPMENT_MODE=true, as ./fxbank up and the tests do)";
    }
}
