/** The http-client benchmark: send-http GETs on loopback through a real actor vs the same HttpClient called directly. */
package dev.theater.bench.http;
