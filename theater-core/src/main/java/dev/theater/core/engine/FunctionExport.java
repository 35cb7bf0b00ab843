package dev.theater.core.engine;

/** A function a module exports under {@code name}. */
public record FunctionExport(String name, CoreSignature signature) {}
