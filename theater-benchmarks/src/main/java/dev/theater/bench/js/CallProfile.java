package dev.theater.bench.js;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the calls' time goes, from the JFR execution samples of the measured calls: the share of samples whose top
 * frame is Chicory's interpreter (a Wasm function it did not compile), Chicory-compiled Wasm code, or anything else
 * (the ABI, the host functions, the JDK), and the share with the interpreter anywhere on the stack.
 */
record CallProfile(int samples, int interpreterTop, int compiledTop, int otherTop, int interpreterOnStack) {

    /** Chicory's interpreter: the runtime package outside its compiled-code support. */
    private static boolean interpreter(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        return type.startsWith("com.dylibso.chicory.runtime.InterpreterMachine")
                || type.startsWith("com.dylibso.chicory.runtime.StackFrame")
                || type.startsWith("com.dylibso.chicory.runtime.MStack")
                || type.startsWith("com.dylibso.chicory.runtime.OpcodeImpl");
    }

    /** Code Chicory generated from Wasm: classes it defines at run time (its compiled machines). */
    private static boolean compiled(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        return type.startsWith("com.dylibso.chicory.$gen") || type.contains("CompiledMachine") || !f.isJavaFrame()
                || type.startsWith("com.dylibso.chicory.gen");
    }

    static String of(Path jfr) {
        int samples = 0;
        int interpreterTop = 0;
        int compiledTop = 0;
        int otherTop = 0;
        int onStack = 0;
        try (RecordingFile file = new RecordingFile(jfr)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                    continue;
                }
                List<RecordedFrame> frames = e.getStackTrace().getFrames();
                if (frames.isEmpty()) {
                    continue;
                }
                samples++;
                RecordedFrame top = frames.getFirst();
                if (interpreter(top)) {
                    interpreterTop++;
                } else if (compiled(top)) {
                    compiledTop++;
                } else {
                    otherTop++;
                }
                if (frames.stream().anyMatch(CallProfile::interpreter)) {
                    onStack++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jfr, e);
        }
        CallProfile p = new CallProfile(samples, interpreterTop, compiledTop, otherTop, onStack);
        return p.describe();
    }

    private String describe() {
        if (samples == 0) {
            return "no execution samples recorded";
        }
        return String.format(Locale.ROOT, "%d samples: top frame in Chicory's interpreter %.0f %%, in compiled Wasm"
                        + " %.0f %%, elsewhere %.0f %%; the interpreter on the stack in %.0f %%", samples,
                100.0 * interpreterTop / samples, 100.0 * compiledTop / samples, 100.0 * otherTop / samples,
                100.0 * interpreterOnStack / samples);
    }
}
