/**
 * Runtime benchmarks (issue 4): {@code send} throughput between two actors, {@code request} round-trip latency
 * and actor start rate, all with the chain on; one {@link dev.theater.bench.runtime.Scenario} class per measure,
 * run by the entry point {@link dev.theater.bench.runtime.RuntimeHarness}; and
 * {@link dev.theater.bench.runtime.IdleActorsHarness}, how many idle actors fit in a heap. See
 * {@code theater-benchmarks/README.md}, "Runtime harness".
 */
package dev.theater.bench.runtime;
