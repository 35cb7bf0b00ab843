/**
 * The Component Model canonical ABI in Java: layout, flattening, and lifting/lowering of {@code WitValue}s
 * to and from a core module's flat values and linear memory (UTF-8 strings only).
 *
 * <p>{@link dev.theater.core.abi.CanonicalAbi} is the entry point for types, {@link dev.theater.core.abi.FunctionAbi}
 * for whole functions; the per-type codecs are package-private and built once per type.
 */
package dev.theater.core.abi;
