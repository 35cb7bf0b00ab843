/**
 * JSON in the chain: the one writer everything recorded goes through ({@link dev.theater.chain.json.JsonWriter}),
 * the JSON form of WIT values in event data ({@link dev.theater.chain.json.WitJson}), a strict reader
 * ({@link dev.theater.chain.json.JsonReader}), and the chain's export schema
 * ({@link dev.theater.chain.json.ChainJson}), with verification on import.
 */
package dev.theater.chain.json;
