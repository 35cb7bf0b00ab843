/** The http-framework handler: actors serve HTTP and WebSockets (README.md beside this module). */
package dev.theater.handler.httpframework;
