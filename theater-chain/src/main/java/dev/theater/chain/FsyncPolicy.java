package dev.theater.chain;

/** When the chain writer forces appended events to stable storage. Appending never waits for any of them. */
public enum FsyncPolicy {
    /** fdatasync after every event: at most the events still queued are lost on power failure. Slowest. */
    ALWAYS,
    /** Group commit: write everything queued, then one fdatasync for the whole batch. The default. */
    GROUP_COMMIT,
    /** Never fsync; the OS writes back when it likes. Survives a process crash, not a power failure. */
    NEVER
}
