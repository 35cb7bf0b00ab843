/**
 * JSON in the chain: the JSON form of WIT values in event data ({@link dev.theater.chain.json.WitJson}, written
 * with the API's one {@link dev.theater.api.json.JsonWriter}), and the chain's export schema
 * ({@link dev.theater.chain.json.ChainJson}), with verification on import.
 */
package dev.theater.chain.json;
