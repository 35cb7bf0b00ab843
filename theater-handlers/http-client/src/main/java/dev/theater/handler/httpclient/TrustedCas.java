package dev.theater.handler.httpclient;

import dev.theater.api.handler.HandlerException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** An SSL context trusting the system's CAs plus those of a PEM file (a private CA). */
final class TrustedCas {

    private TrustedCas() {
    }

    /**
     * One trust store holding the system's trusted CAs and every certificate of {@code pem}, so that the JDK's own
     * trust manager checks chains (and HttpClient still checks the host name against the certificate).
     *
     * @param source where {@code ca_file} was configured, for the error
     */
    static SSLContext withCaFile(Path pem, String source) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate ca : systemTrustManager().getAcceptedIssuers()) {
                store.setCertificateEntry("system-" + n++, ca);
            }
            Collection<? extends Certificate> certs;
            try (InputStream in = Files.newInputStream(pem)) {
                certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (certs.isEmpty()) {
                throw new HandlerException(source + ": handler 'http-client': config key 'ca_file' = " + pem
                        + " holds no PEM certificate");
            }
            int k = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry("ca-file-" + k++, c);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new HandlerException(source + ": handler 'http-client': config key 'ca_file': cannot read " + pem + ": "
                    + e);
        } catch (GeneralSecurityException e) {
            throw new HandlerException(source + ": handler 'http-client': config key 'ca_file' = " + pem
                    + " is not a PEM file of X.509 certificates: " + e.getMessage());
        }
    }

    private static X509TrustManager systemTrustManager() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager tm : factory.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("the JDK has no X.509 trust manager");
    }
}
