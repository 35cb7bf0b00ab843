package dev.theater.core.engine.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes of one cache entry (big-endian, {@link DataOutputStream} encodings):
 * <pre>
 * header:  magic "THEATRCC" (8 bytes) | format version (int) | key (UTF) | payload length (long)
 *          | SHA-256 of the payload (32 bytes)
 * payload: source name (UTF) | module SHA-256 (UTF) | functions (int) | interpreted count (int), indexes (int each)
 *          | main class (UTF) | class count (int), then per class: name (UTF), length (int), class file bytes
 * </pre>
 * Nothing of an entry is used unless all of the header matches and the payload hashes to what it says.
 */
final class EntryFormat {

    /** Bumped whenever the layout above or what goes into it changes; part of the key, and checked in the header. */
    static final int VERSION = 1;

    private static final byte[] MAGIC = "THEATRCC".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_SOURCE_CHARS = 1000;

    private EntryFormat() {
    }

    static byte[] encode(String key, CompiledClasses classes) {
        try {
            ByteArrayOutputStream payloadBytes = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 64,
                    classes.classBytes() + 4096));
            DataOutputStream payload = new DataOutputStream(payloadBytes);
            String source = classes.source();
            payload.writeUTF(source.length() > MAX_SOURCE_CHARS ? source.substring(0, MAX_SOURCE_CHARS) : source);
            payload.writeUTF(classes.moduleSha256());
            payload.writeInt(classes.functions());
            payload.writeInt(classes.interpreted().size());
            for (int index : classes.interpreted()) {
                payload.writeInt(index);
            }
            payload.writeUTF(classes.mainClass());
            payload.writeInt(classes.classes().size());
            for (var c : classes.classes().entrySet()) {
                payload.writeUTF(c.getKey());
                payload.writeInt(c.getValue().length);
                payload.write(c.getValue());
            }
            payload.flush();
            byte[] body = payloadBytes.toByteArray();
            ByteArrayOutputStream entryBytes = new ByteArrayOutputStream(body.length + 128);
            DataOutputStream entry = new DataOutputStream(entryBytes);
            entry.write(MAGIC);
            entry.writeInt(VERSION);
            entry.writeUTF(key);
            entry.writeLong(body.length);
            entry.write(sha256(body));
            entry.write(body);
            entry.flush();
            return entryBytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
    }

    /** Decodes an entry, checking every header field against the bytes and {@code expectedKey}. */
    static CompiledClasses decode(String expectedKey, byte[] file) throws DamagedEntryException {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(file));
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new DamagedEntryException("it does not start with THEATRCC");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new DamagedEntryException("format version " + version + ", expected " + VERSION);
            }
            String key = in.readUTF();
            if (!key.equals(expectedKey)) {
                throw new DamagedEntryException("it holds key " + abbreviate(key) + ", not " + abbreviate(expectedKey));
            }
            long length = in.readLong();
            byte[] sha = new byte[32];
            in.readFully(sha);
            int headerLength = file.length - in.available();
            if (length != file.length - headerLength) {
                throw new DamagedEntryException("its header gives a payload of " + length + " bytes, the file holds "
                        + (file.length - headerLength) + " (truncated or appended to)");
            }
            byte[] body = Arrays.copyOfRange(file, headerLength, file.length);
            if (!MessageDigest.isEqual(sha, sha256(body))) {
                throw new DamagedEntryException("its payload does not match its SHA-256");
            }
            return decodePayload(body);
        } catch (EOFException | UTFDataFormatException e) {
            throw new DamagedEntryException("it is truncated (" + file.length + " bytes)");
        } catch (IOException e) {
            throw new DamagedEntryException("unreadable: " + e.getMessage());
        }
    }

    private static CompiledClasses decodePayload(byte[] body) throws IOException, DamagedEntryException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
        String source = in.readUTF();
        String moduleSha = in.readUTF();
        int functions = in.readInt();
        int interpretedCount = count(in.readInt(), body.length / 4, "interpreted function count");
        List<Integer> interpreted = new ArrayList<>(interpretedCount);
        for (int i = 0; i < interpretedCount; i++) {
            interpreted.add(in.readInt());
        }
        String mainClass = in.readUTF();
        int classCount = count(in.readInt(), body.length / 6, "class count");
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (int i = 0; i < classCount; i++) {
            String name = in.readUTF();
            byte[] bytes = new byte[count(in.readInt(), in.available(), "length of class " + name)];
            in.readFully(bytes);
            classes.put(name, bytes);
        }
        if (in.available() != 0) {
            throw new DamagedEntryException(in.available() + " bytes follow the last class");
        }
        if (!classes.containsKey(mainClass)) {
            throw new DamagedEntryException("it lacks its main class " + mainClass);
        }
        return new CompiledClasses(source, moduleSha, functions, interpreted, mainClass, classes);
    }

    private static int count(int value, int max, String what) throws DamagedEntryException {
        if (value < 0 || value > max) {
            throw new DamagedEntryException("its " + what + " is " + value + ", impossible in " + max * 1L + " bytes");
        }
        return value;
    }

    private static String abbreviate(String key) {
        return key.length() > 16 ? key.substring(0, 16) + "…" : key;
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
