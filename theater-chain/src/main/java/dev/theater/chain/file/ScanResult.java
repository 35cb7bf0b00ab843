package dev.theater.chain.file;

import dev.theater.chain.ChainFailure;
import dev.theater.chain.Hash;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a scan of a chain file found.
 *
 * @param file        the file
 * @param scannedFrom the offset the scan started reading records at: 0 (the header) for a full scan, else the
 *                    offset of the checkpoint it started from
 * @param scannedEnd  the offset the scan stopped reading at (the file size, or the limit asked for)
 * @param validCount  the number of good events from the start
 * @param validEnd    the offset just after the last good event (the header size when there is none)
 * @param head        the hash of the last good event
 * @param failure     the first bad event, if any
 * @param tornTail    true when the failure is a torn tail (what a crash leaves at the end of the file), which
 *                    opening cuts off; false for any other failure, which is damage
 * @param lastStart   the offset of the last good event's record, -1 when there is none
 * @param lastParent  the parent hash that record names
 */
public record ScanResult(Path file, long scannedFrom, long scannedEnd, long validCount, long validEnd,
                         Optional<Hash> head, Optional<ChainFailure> failure, boolean tornTail, long lastStart,
                         Optional<Hash> lastParent) {
    /** The verified prefix as a checkpoint; empty when it holds no event. */
    public Optional<Checkpoint> verifiedPrefix() {
        return head.map(h -> new Checkpoint(validEnd, validCount, lastStart, h, lastParent));
    }
}
