/** The {@code http-client} handler: {@code theater:simple/http-client}, outgoing HTTP behind an allow-list. */
package dev.theater.handler.httpclient;
