/**
 * Read-only interop with the Rust Theater: verifies chains it exported (SHA-1 over {@code serde_json}'s
 * compact serialization of each event with {@code "hash":[]}). Theater for the JVM's own chains stay SHA-256.
 */
package dev.theater.chain.interop;
