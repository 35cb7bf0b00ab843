/**
 * Chain export and import as JSON: a tiny, strict JSON reader and writer ({@link dev.theater.chain.json.Json})
 * and the chain's export schema ({@link dev.theater.chain.json.ChainJson}), with verification on import.
 */
package dev.theater.chain.json;
