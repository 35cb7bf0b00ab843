/**
 * The embedding API: {@link dev.theater.core.Theater} (a runtime in this JVM), {@link dev.theater.core.ActorRef}
 * (one actor), {@link dev.theater.core.StartOptions} and {@link dev.theater.core.ActorStatus}.
 */
package dev.theater.core;
