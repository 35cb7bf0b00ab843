/**
 * Runtime benchmarks (issue 4): {@code send} throughput between two actors, {@code request} round-trip latency
 * and actor start rate, all with the chain on. Entry point: {@link dev.theater.bench.runtime.RuntimeHarness};
 * see {@code theater-benchmarks/README-runtime.md}.
 */
package dev.theater.bench.runtime;
