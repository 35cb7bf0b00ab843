/**
 * The JavaScript actor harness of issue 15 ({@code theater-benchmarks/README.md}, "JavaScript actor"): first and
 * second start of a componentize-js actor in fresh JVMs, peak memory while compiling it, and the per-call cost of
 * its {@code handle-send} here against Node running the same component.
 */
package dev.theater.bench.js;
