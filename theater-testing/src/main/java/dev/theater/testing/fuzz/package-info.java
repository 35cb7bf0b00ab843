/**
 * Fuzzing support shared by the modules' tests: {@link dev.theater.testing.fuzz.Edit}s that mutate a real input
 * (byte flips, truncations, insertions, duplicated and deleted lines, deep nesting), jqwik
 * {@link dev.theater.testing.fuzz.Edits arbitraries} of them, the {@link dev.theater.testing.fuzz.SeedFiles} they
 * start from, and {@link dev.theater.testing.fuzz.Within}, which runs one try with a time limit so that a hang
 * fails the test instead of stalling the build.
 */
package dev.theater.testing.fuzz;
