package dev.theater.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.lang.model.SourceVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code theater new handler NAME}: {@code NAME/}, a Maven project for a third-party handler plugin of type NAME
 * compiled against {@code theater-api} ({@code provided}, this build's version): a WIT file ({@code acme:NAME}, using
 * theater:simple's {@code json}), provider, handler, config record, a test, a README; {@code mvn package} makes the
 * PF4J plugin jar.
 */
@Command(name = "handler", mixinStandardHelpOptions = true,
        description = "Writes NAME/: a Maven project for a handler plugin of type NAME (WIT, provider, handler, config,"
                + " test, README) built against theater-api.")
final class NewHandlerCommand implements Callable<Integer> {

    private static final String COMMAND = "new handler";

    @Parameters(paramLabel = "NAME", description = "the handler type: lower-case words joined by '-', e.g. hello-handler")
    String name;

    @Option(names = "--dir", paramLabel = "DIR", description = "the folder to write NAME/ into (default: the current one)")
    Path dir = Path.of("");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Scaffold.checkName(COMMAND, "NAME", name);
        String javaPackage = "com.example." + name.replace("-", "");
        if (!SourceVersion.isName(javaPackage)) {
            throw new CliError(COMMAND + ": NAME '" + name + "' would make the Java package " + javaPackage
                    + ", and '" + name.replace("-", "") + "' is a Java keyword; choose another NAME");
        }
        String pascal = Scaffold.pascal(name);
        String base = pascal.endsWith("Handler") && pascal.length() > "Handler".length()
                ? pascal.substring(0, pascal.length() - "Handler".length()) : pascal;
        String packagePath = javaPackage.replace('.', '/');
        Map<String, String> values = Map.of("name", name, "package", javaPackage, "package_path", packagePath,
                "Base", base, "theater_version", NewCommand.build("theater.version"),
                "junit_version", NewCommand.build("junit.version"));
        String java = "src/main/java/" + packagePath + "/";
        Scaffold scaffold = new Scaffold()
                .file("pom.xml", render("pom.xml", values))
                .file("README.md", render("README.md", values))
                .file(".gitignore", render("gitignore", values))
                .file("src/main/resources/wit/" + name + ".wit", render("handler.wit", values))
                .file("src/main/resources/META-INF/services/dev.theater.api.handler.HandlerProvider",
                        render("services", values))
                .file(java + base + "HandlerProvider.java", render("Provider.java", values))
                .file(java + base + "Handler.java", render("Handler.java", values))
                .file(java + base + "Config.java", render("Config.java", values))
                .file("src/test/java/" + packagePath + "/" + base + "HandlerTest.java", render("HandlerTest.java", values));
        Path folder = scaffold.writeInto(COMMAND, dir, name);
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + folder + ": " + String.join(", ", scaffold.paths()));
        out.println("next: cd " + folder + " && mvn package && theater handlers --plugins target");
        out.flush();
        return 0;
    }

    private static String render(String template, Map<String, String> values) {
        return Template.render(Template.resource("handler/" + template), values, Set.of());
    }
}
