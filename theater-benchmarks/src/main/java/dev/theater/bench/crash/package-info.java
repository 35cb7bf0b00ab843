/**
 * The kill -9 loop over {@code theater run} ({@code theater-benchmarks/kill-loop.sh}): {@link
 * dev.theater.bench.crash.ChainCheck} verifies the chains it leaves, in the same form as {@code verify_chain.py}.
 */
package dev.theater.bench.crash;
