/**
 * The engine facade over Chicory: loading and compiling modules (cached by SHA-256), instantiating
 * them with host functions and memory limits, calling exports with deadlines. No other package of
 * Theater imports Chicory, so the engine can be swapped by changing this package alone.
 */
package dev.theater.core.engine;
