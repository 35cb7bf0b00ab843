package dev.theater.bench.js;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One child process of the harness, run to its end: its output read line by line (stdout and stderr merged) and
 * echoed indented, except Chicory's "using interpreted mode for WASM function" warnings, which are counted; its
 * {@code PROBE <what> key=value...} lines parsed; the wall time from its spawn to its first {@code PROBE ready} line.
 */
record Probe(int exit, long wallMs, long readyWallMs, int interpretedWarnings, Map<String, Map<String, String>> probes,
             List<String> interpretedLines) {

    static Probe run(String label, List<String> command, long timeoutSeconds) {
        System.out.println("  $ " + label);
        long spawned = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.getFirst(), e);
        }
        long ready = -1;
        int interpreted = 0;
        List<String> interpretedOther = new ArrayList<>();
        Map<String, Map<String, String>> probes = new LinkedHashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.contains("using interpreted mode for WASM function")) {
                    interpreted++;
                    continue;
                }
                if (line.contains("functions run interpreted")) {
                    interpretedOther.add(line.strip()); // the engine's own per-module summary, once it reports one
                }
                if (line.startsWith("PROBE ")) {
                    String[] words = line.split(" ");
                    Map<String, String> values = new LinkedHashMap<>();
                    for (int i = 2; i < words.length; i++) {
                        int eq = words[i].indexOf('=');
                        if (eq > 0) {
                            values.put(words[i].substring(0, eq), words[i].substring(eq + 1));
                        }
                    }
                    probes.put(words[1], values);
                    if (ready < 0 && (words[1].equals("ready") || words[1].equals("engine-ready"))) {
                        ready = (System.nanoTime() - spawned) / 1_000_000;
                    }
                }
                System.out.println("    " + line);
            }
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(label + ": did not exit within " + timeoutSeconds + " s");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the output of " + label, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException(label + ": interrupted", e);
        }
        long wall = (System.nanoTime() - spawned) / 1_000_000;
        if (process.exitValue() != 0) {
            throw new IllegalStateException(label + ": exited with " + process.exitValue() + " (its output is above)");
        }
        return new Probe(process.exitValue(), wall, ready, interpreted, probes, interpretedOther);
    }

    String value(String probe, String key) {
        Map<String, String> values = probes.get(probe);
        if (values == null || !values.containsKey(key)) {
            throw new IllegalStateException("the probe printed no 'PROBE " + probe + " " + key + "=...' line");
        }
        return values.get(key);
    }

    double number(String probe, String key) {
        return Double.parseDouble(value(probe, key));
    }

    /** A comma-separated list of numbers ({@code p50Us=1.2,1.3}). */
    double[] numbers(String probe, String key) {
        String[] parts = value(probe, key).split(",");
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Double.parseDouble(parts[i]);
        }
        return values;
    }
}
