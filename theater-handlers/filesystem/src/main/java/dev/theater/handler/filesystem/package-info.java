/** The {@code filesystem} handler: {@code theater:simple/filesystem}, a sandboxed folder and allow-listed commands. */
package dev.theater.handler.filesystem;
