/** The {@code store} handler: {@code theater:simple/store}, content-addressed stores with labels on disk. */
package dev.theater.handler.store;
