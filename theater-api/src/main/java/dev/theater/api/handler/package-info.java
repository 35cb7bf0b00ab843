/**
 * The handler SPI: how a handler plugin gives actors host functions ({@link dev.theater.api.handler.HostLinker}),
 * calls their exports ({@link dev.theater.api.handler.ActorExport}) and lives through an actor's lifecycle
 * ({@link dev.theater.api.handler.Handler}). Providers are found by ServiceLoader and by PF4J.
 */
package dev.theater.api.handler;
