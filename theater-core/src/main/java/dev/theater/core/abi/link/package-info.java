/**
 * Binds WIT functions to a core module: host implementations of its WIT imports ({@link dev.theater.core.abi.link.WitLinker}),
 * signature checks before instantiation, and calls of its WIT exports by name ({@link dev.theater.core.abi.link.WitInstance}).
 */
package dev.theater.core.abi.link;
