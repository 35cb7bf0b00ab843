/** The {@code theater:simple} WIT package and the WIT parser's API. */
package dev.theater.wit;
