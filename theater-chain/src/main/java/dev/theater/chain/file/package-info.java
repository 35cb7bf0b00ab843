/**
 * Internal: the append-only chain file (framing, scanning with torn-tail detection, and the writer
 * thread that persists appended events off the actor's thread). Not exported.
 */
package dev.theater.chain.file;
