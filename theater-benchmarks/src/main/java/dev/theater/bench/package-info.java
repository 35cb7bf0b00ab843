/** JMH benchmarks; see the module README for how to run and compare them. */
package dev.theater.bench;
