/**
 * The pls core: the scoring model, its builder API and the evaluators.
 *
 * <p>Only {@code dev.pls.core} is API. Everything under {@code dev.pls.core.internal} may change in
 * any release.
 */
module dev.pls.core {
  requires com.google.common;
  requires org.objectweb.asm;

  exports dev.pls.core;
}
