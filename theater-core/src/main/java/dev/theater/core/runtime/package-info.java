/**
 * The actor runtime (internal): bringing an actor to life through its handlers' phases, its mailbox and
 * virtual thread, state threading, and recording every host call and export call in its chain.
 */
package dev.theater.core.runtime;
