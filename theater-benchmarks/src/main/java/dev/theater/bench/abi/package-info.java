/** JMH benchmarks of the canonical ABI binding: WIT-typed calls against raw core calls moving the same bytes. */
package dev.theater.bench.abi;
