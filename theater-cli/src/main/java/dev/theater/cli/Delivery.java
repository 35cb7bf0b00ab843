package dev.theater.cli;

import dev.theater.api.TheaterException;
import dev.theater.core.ActorRef;
import dev.theater.core.Theater;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Stack;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One {@code --send ACTOR=MESSAGE} or {@code --request ACTOR=MESSAGE} of {@code theater run}, done after every
 * manifest has started, in command-line order. A send waits until the actor has handled the message; a request
 * waits for the answer and prints it as {@code <actor> answered: <text>} when it is well-formed UTF-8 (the rule the
 * chain uses for bytes), else as {@code <actor> answered <n> bytes, not UTF-8, base64: <RFC 4648>}.
 *
 * @param request true for {@code --request}
 * @param option  the option as given, {@code ACTOR=MESSAGE}
 */
record Delivery(boolean request, String option) {

    private String name() {
        return request ? "--request" : "--send";
    }

    /** Sends or requests; an error names the option and the actor, a failed call is its own error. */
    void deliverTo(Theater theater, PrintWriter out) {
        int eq = option.indexOf('=');
        if (eq <= 0) {
            throw new TheaterException(TheaterException.Phase.RUNTIME, name() + " must be ACTOR=MESSAGE, was '"
                    + option + "'");
        }
        String target = option.substring(0, eq);
        byte[] message = option.substring(eq + 1).getBytes(StandardCharsets.UTF_8);
        ActorRef actor = theater.actor(target).orElseThrow(() -> new TheaterException(TheaterException.Phase.RUNTIME,
                name() + ": no running actor '" + target + "'; running: " + theater.actorIds()));
        try {
            if (request) {
                out.println(target + " " + answer(actor.request(message).join()));
                out.flush();
            } else {
                actor.send(message).join();
            }
        } catch (CompletionException e) {
            // the call's own error (it names the actor and the export), not the future's wrapper
            if (e.getCause() instanceof TheaterException failed) {
                throw failed;
            }
            throw new TheaterException(TheaterException.Phase.RUNTIME, target, name() + " failed: " + e.getCause(),
                    e.getCause());
        }
    }

    /** {@code answered: <text>}, or the bytes in base64 when they are not UTF-8. */
    static String answer(byte[] answer) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(answer)).toString();
            return "answered: " + text;
        } catch (CharacterCodingException e) {
            return "answered " + answer.length + " bytes, not UTF-8, base64: " + Base64.getEncoder().encodeToString(answer);
        }
    }

    /** Keeps {@code --send} and {@code --request} in the order given, which two list fields would lose. */
    static final class InOrder implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            if (args.isEmpty()) {
                throw new picocli.CommandLine.ParameterException(commandSpec.commandLine(),
                        "Missing required parameter for option '" + ((OptionSpec) argSpec).longestName()
                                + "' (ACTOR=MESSAGE)");
            }
            boolean request = ((OptionSpec) argSpec).longestName().equals("--request");
            ((RunCommand) commandSpec.userObject()).deliveries.add(new Delivery(request, args.pop()));
        }
    }
}
