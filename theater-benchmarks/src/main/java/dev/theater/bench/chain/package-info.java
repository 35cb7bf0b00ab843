/**
 * JMH benchmarks of the chain: appends (hash + enqueue), persisted events per fsync policy, opening a new
 * chain, reopening a long one (with and without its checkpoint), and verified events when reading a chain file
 * back. See theater-benchmarks/README.md.
 */
package dev.theater.bench.chain;
