/**
 * The HTTP benchmarks: send-http GETs on loopback through a real actor vs the same HttpClient called directly
 * ({@code HttpClientBench}), and a 100-byte GET served by an actor's handle-request vs a plain Jetty handler under
 * wrk ({@code HttpFrameworkBench}).
 */
package dev.theater.bench.http;
