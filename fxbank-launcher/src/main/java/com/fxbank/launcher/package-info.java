/**
 * {@code ./fxbank}: the whole bank in one JVM on embedded defaults ({@code up}), the narrated demo, the load tool,
 * the audit and development tokens. {@link com.fxbank.launcher.RunningBank} is the bank that tests start too.
 */
package com.fxbank.launcher;
