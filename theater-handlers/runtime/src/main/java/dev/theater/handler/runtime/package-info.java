/** The {@code runtime} handler: {@code theater:simple/runtime} for every actor that lists it. */
package dev.theater.handler.runtime;
