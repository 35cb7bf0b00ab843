/** The WIT type and value model: what handlers and embedders see of values crossing into and out of actors. */
package dev.theater.api.wit;
