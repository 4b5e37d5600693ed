/** A host of pls-core on the module path: it reads only what pls-core exports. */
open module dev.pls.moduletest {
  requires dev.pls.core;
  requires org.junit.jupiter.api;
}
