/**
 * Reading the files an actor's manifest names (the manifest itself, {@code init_state}, the Wasm module): only
 * regular files, never more than a stated number of bytes, with short reasons for error messages. Not exported.
 */
package dev.theater.core.io;
