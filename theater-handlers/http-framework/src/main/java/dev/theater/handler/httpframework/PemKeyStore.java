package dev.theater.handler.httpframework;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server's key and certificate chain from PEM files, as a {@link KeyStore} for Jetty: the certificates in
 * {@code CERTIFICATE} blocks (leaf first), the key in a PKCS#8 {@code PRIVATE KEY} block (RSA, EC or EdDSA). A
 * PKCS#1 {@code RSA PRIVATE KEY} or an {@code EC PRIVATE KEY} is refused with the openssl command that converts it.
 */
final class PemKeyStore {

    static final String ALIAS = "server";
    static final char[] PASSWORD = "theater".toCharArray(); // in memory only: the key never leaves the process

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

    private PemKeyStore() {
    }

    /** The key store, or a refusal naming the file and what is wrong with it. */
    static KeyStore load(Path certFile, Path keyFile) {
        List<X509Certificate> chain = certificates(certFile);
        PrivateKey key = privateKey(keyFile);
        if (!chain.getFirst().getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            throw new HttpFrameworkException("TLS: the key in " + keyFile + " (" + key.getAlgorithm()
                    + ") does not go with the first certificate in " + certFile + " ("
                    + chain.getFirst().getPublicKey().getAlgorithm() + ")");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, PASSWORD, chain.toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new HttpFrameworkException("TLS: cannot hold the key of " + keyFile + " with the certificates of "
                    + certFile + ": " + e.getMessage());
        }
    }

    private static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (String[] block : blocks(file)) {
                if (block[0].equals("CERTIFICATE")) {
                    out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der(block, file))));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new HttpFrameworkException("TLS: " + file + " holds a certificate that cannot be read: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new HttpFrameworkException("TLS: " + file + " holds no PEM CERTIFICATE block");
        }
        return out;
    }

    private static PrivateKey privateKey(Path file) {
        for (String[] block : blocks(file)) {
            switch (block[0]) {
                case "PRIVATE KEY" -> {
                    byte[] der = der(block, file);
                    for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
                        try {
                            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                        } catch (GeneralSecurityException e) {
                            // not this algorithm: try the next
                        }
                    }
                    throw new HttpFrameworkException("TLS: the PRIVATE KEY in " + file
                            + " is not an RSA, EC or EdDSA key in PKCS#8 form");
                }
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new HttpFrameworkException("TLS: " + file + " holds a "
                        + block[0] + " (the traditional form); convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt"
                        + " -in " + file.getFileName() + " -out " + pkcs8Name(file));
                case "ENCRYPTED PRIVATE KEY" -> throw new HttpFrameworkException("TLS: the key in " + file
                        + " is encrypted; the handler reads an unencrypted PKCS#8 PRIVATE KEY (keep the file readable"
                        + " only by the runtime's user)");
                default -> {
                    // other blocks (parameters, certificates) are not the key
                }
            }
        }
        throw new HttpFrameworkException("TLS: " + file + " holds no PEM PRIVATE KEY block");
    }

    /**
     * Where the converted key should go: beside the key, never the key itself. (The hint once said {@code -out key.pem}
     * whatever the key's name, and for a key named key.pem openssl opens the output before it reads the input: the
     * key was truncated to nothing.) {@code key.pem} gives {@code key8.pem}.
     */
    private static String pkcs8Name(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + "8" + name.substring(dot) : name + "8.pem";
    }

    private static List<String[]> blocks(Path file) {
        String text;
        try {
            if (Files.size(file) > 1 << 20) {
                throw new HttpFrameworkException("TLS: " + file + " is larger than 1 MiB; it is not a PEM file");
            }
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new HttpFrameworkException("TLS: cannot read " + file + ": " + e);
        }
        List<String[]> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            out.add(new String[] {m.group(1), m.group(2)});
        }
        return out;
    }

    private static byte[] der(String[] block, Path file) {
        try {
            return Base64.getMimeDecoder().decode(block[1]);
        } catch (IllegalArgumentException e) {
            throw new HttpFrameworkException("TLS: a " + block[0] + " block in " + file + " is not valid base64");
        }
    }
}
