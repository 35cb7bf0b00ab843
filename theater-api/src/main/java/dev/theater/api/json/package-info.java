/**
 * The project's JSON: the one writer everything recorded in a chain goes through
 * ({@link dev.theater.api.json.JsonWriter}, serde_json's escapes, compact UTF-8) and a strict reader
 * ({@link dev.theater.api.json.JsonReader}) with its value model. Handlers use them for the JSON they hand actors.
 */
package dev.theater.api.json;
