/**
 * The development token issuer (Spring Authorization Server) that {@code ./fxbank up} and the tests run; it refuses
 * to start outside development mode.
 */
package com.fxbank.issuer;
