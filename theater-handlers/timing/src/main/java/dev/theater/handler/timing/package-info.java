/**
 * The {@code timing} handler: {@code theater:simple/timing} and {@code theater:simple/timers} for every actor that
 * lists it, with one shared scheduler thread per runtime for every actor's timers.
 */
package dev.theater.handler.timing;
