package dev.theater.core.plugin;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;

/** Where a class or resource was loaded from, as a path when it is a file. */
final class Locations {

    private Locations() {
    }

    /** The jar or folder {@code type} was loaded from, or its loader's name when unknown. */
    static String of(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "unknown location of " + type.getName();
        }
        return display(source.getLocation());
    }

    /** The jar or folder holding {@code resource}, given the URL of the resource named {@code name}. */
    static String ofResource(URL url, String name) {
        String text = url.toString();
        if (text.startsWith("jar:") && text.contains("!/")) {
            text = text.substring(4, text.indexOf("!/"));
        } else if (text.endsWith(name)) {
            text = text.substring(0, text.length() - name.length());
        }
        try {
            return display(URI.create(text).toURL());
        } catch (IllegalArgumentException | MalformedURLException e) {
            return text;
        }
    }

    private static String display(URL url) {
        try {
            return "file".equals(url.getProtocol()) ? Path.of(url.toURI()).toString() : url.toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return url.toString();
        }
    }
}
