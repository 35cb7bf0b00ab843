package dev.theater.handler.timing;

/** A refusal to report as the {@code err} of a host call; its message names the function and the limit or timer. */
final class TimingException extends RuntimeException {

    TimingException(String message) {
        super(message, null, false, false);
    }
}
