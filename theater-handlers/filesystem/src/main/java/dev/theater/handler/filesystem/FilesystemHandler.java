package dev.theater.handler.filesystem;

import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HostLinker;
import dev.theater.api.wit.WitValue;
import dev.theater.api.wit.WitValue.Bool;
import dev.theater.api.wit.WitValue.Bytes;
import dev.theater.api.wit.WitValue.ListValue;
import dev.theater.api.wit.WitValue.ResultValue;
import dev.theater.api.wit.WitValue.Str;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The filesystem handler of one actor: the eight {@code theater:simple/filesystem} functions over its granted folder.
 * Every refusal and failure the actor should handle (a path leaving the folder, a link, a missing file, a limit, a
 * write in read_only mode, a command not allowed) is an {@code err} naming the function, the path and why; a command
 * that ran or could not start is an {@code ok} command-result. The runtime records every call with its arguments and
 * result.
 */
final class FilesystemHandler implements Handler {

    private final FilesystemConfig config;
    private final Sandbox sandbox;
    private final CommandRunner commands;

    FilesystemHandler(FilesystemConfig config, Sandbox sandbox) {
        this.config = config;
        this.sandbox = sandbox;
        this.commands = new CommandRunner(config);
    }

    @Override
    public void link(HostLinker linker) {
        String iface = FilesystemHandlerProvider.INTERFACE;
        linker.define(iface, "read-file", args -> result(() -> new Bytes(sandbox.read("read-file",
                        path("read-file", args.get(0)), config.maxFileBytes()))))
                .define(iface, "write-file", args -> result(() -> {
                    RelativePath p = path("write-file", args.get(0));
                    writable("write-file", p);
                    byte[] content = str(args.get(1)).getBytes(StandardCharsets.UTF_8);
                    if (content.length > config.maxFileBytes()) {
                        throw new FsException("write-file " + p.quoted() + ": the content is " + content.length
                                + " bytes, more than max_file_bytes = " + config.maxFileBytes());
                    }
                    sandbox.write("write-file", p, content);
                    return null;
                }))
                .define(iface, "list-files", args -> result(() -> new ListValue(sandbox.list("list-files",
                        path("list-files", args.get(0))).stream().<WitValue>map(Str::new).toList())))
                .define(iface, "delete-file", args -> result(() -> {
                    RelativePath p = path("delete-file", args.get(0));
                    writable("delete-file", p);
                    sandbox.deleteFile("delete-file", p);
                    return null;
                }))
                .define(iface, "create-dir", args -> result(() -> {
                    RelativePath p = path("create-dir", args.get(0));
                    writable("create-dir", p);
                    sandbox.createDir("create-dir", p);
                    return null;
                }))
                .define(iface, "delete-dir", args -> result(() -> {
                    RelativePath p = path("delete-dir", args.get(0));
                    writable("delete-dir", p);
                    sandbox.deleteDir("delete-dir", p);
                    return null;
                }))
                .define(iface, "path-exists", args -> result(() -> new Bool(sandbox.exists("path-exists",
                        path("path-exists", args.get(0))))))
                .define(iface, "execute-command", args -> result(() -> {
                    String command = str(args.get(1));
                    List<String> arguments = ((ListValue) args.get(2)).elements().stream()
                            .map(FilesystemHandler::str).toList();
                    commands.allow("execute-command", command); // first: with none allowed, no folder is looked at
                    RelativePath dir = path("execute-command", args.get(0));
                    return commands.run("execute-command", command, arguments, sandbox.folder("execute-command", dir));
                }));
    }

    private void writable(String fn, RelativePath p) {
        if (config.readOnly()) {
            throw RelativePath.refused(fn, p.text(), "the granted folder is read_only");
        }
    }

    private static RelativePath path(String fn, WitValue value) {
        return RelativePath.parse(fn, str(value));
    }

    private static String str(WitValue value) {
        return ((Str) value).value();
    }

    /** {@code ok(value)} ({@code ok} without payload for null), or {@code err(message)}. */
    private static Optional<WitValue> result(Supplier<WitValue> body) {
        try {
            WitValue value = body.get();
            return Optional.of(value == null ? ResultValue.okEmpty() : ResultValue.ok(value));
        } catch (FsException e) {
            return Optional.of(ResultValue.err(new Str(e.getMessage())));
        }
    }

    @Override
    public void stop() {
        try {
            sandbox.close();
        } catch (IOException ignored) {
            // closing the folder's descriptor: nothing is left to lose
        }
    }
}
