/** The Theater API: the root error type; see the sub-packages for the WIT model and the handler SPI. */
package dev.theater.api;
