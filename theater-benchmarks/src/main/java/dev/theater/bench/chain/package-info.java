/**
 * JMH benchmarks of the chain: appends (hash + enqueue), persisted events per fsync policy, opening a new
 * chain, and verified events when reading a chain file back. See theater-benchmarks/README-chain.md.
 */
package dev.theater.bench.chain;
