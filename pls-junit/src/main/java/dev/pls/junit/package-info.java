/**
 * The {@code pls} JUnit Platform engine: every {@code test} block of every selected {@code .pls}
 * file becomes a JUnit test. {@link dev.pls.junit.PlsTestEngine} is the entry point the launcher
 * loads; the descriptors and the discovery behind it are package-private.
 */
package dev.pls.junit;
