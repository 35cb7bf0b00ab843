package dev.theater.chain.file;

import dev.theater.chain.ChainFailure;
import dev.theater.chain.Hash;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a scan of a chain file found.
 *
 * @param file        the file
 * @param scannedEnd  the offset the scan stopped reading at (the file size, or the limit asked for)
 * @param validCount  the number of good events from the start
 * @param validEnd    the offset just after the last good event (the header size when there is none)
 * @param head        the hash of the last good event
 * @param failure     the first bad event, if any
 * @param tornTail    true when the failure is a torn tail (what a crash leaves at the end of the file), which
 *                    opening cuts off; false for any other failure, which is damage
 */
public record ScanResult(Path file, long scannedEnd, long validCount, long validEnd, Optional<Hash> head,
                         Optional<ChainFailure> failure, boolean tornTail) {
}
