package dev.pls.cli.io;

/** Told about every record read, so that a progress display can follow a long read. */
public interface ReadProgress {

  /** A progress that ignores everything. */
  ReadProgress NONE =
      new ReadProgress() {
        @Override
        public void recordRead() {}

        @Override
        public void recordRejected() {}
      };

  /** One more record was read. */
  void recordRead();

  /** The record just read was rejected. */
  void recordRejected();
}
