package dev.theater.chain.json;

import dev.theater.chain.ChainException;

/** Malformed JSON, or JSON that does not follow the chain schema. The message names line, column and offset. */
public final class JsonException extends ChainException {
    public JsonException(String message) {
        super(message);
    }
}
