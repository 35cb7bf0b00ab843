package dev.theater.core.engine;

/** A function a module imports: {@code (import "module" "name" (func signature))}. */
public record FunctionImport(String module, String name, CoreSignature signature) {

    /** {@code module.name}, as errors print it. */
    public String qualifiedName() {
        return module + "." + name;
    }
}
