package dev.theater.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of docs/actors.md that {@link ActorGuideTest} checks: fenced blocks by their info string
 * ({@code c file=counter/counter.c}, {@code text output=counter}), tables, and the result-area sections (a list item
 * {@code Exports: ...} and one {@code Result: ...}, or one {@code Element: ...}, then a table).
 */
final class GuideDoc {

    /** A fenced code block: its info string (after the backticks) and its text, ending with a newline. */
    record Block(String info, String text) {}

    /** One result-area table: the exports it is for (or the element type it describes), its type, size and rows. */
    record Layout(List<String> exports, String element, String type, int size, int align, List<List<String>> rows) {}

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern SIZE = Pattern.compile("\\*\\*(\\d+) bytes, align (\\d+)\\*\\*");

    private final List<String> lines;

    private GuideDoc(List<String> lines) {
        this.lines = lines;
    }

    static GuideDoc read(Path file) {
        try {
            return new GuideDoc(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Block> blocks() {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("```") && lines.get(i).length() > 3) {
                String info = lines.get(i).substring(3).trim();
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                for (; !lines.get(j).equals("```"); j++) {
                    text.append(lines.get(j)).append('\n');
                }
                blocks.add(new Block(info, text.toString()));
                i = j;
            }
        }
        return blocks;
    }

    /** The text of the one block whose info string is {@code info}. */
    String block(String info) {
        List<Block> found = blocks().stream().filter(b -> b.info().equals(info)).toList();
        if (found.size() != 1) {
            throw new AssertionError("docs/actors.md should have one block ```" + info + ", has " + found.size());
        }
        return found.getFirst().text();
    }

    /** Every table row outside code blocks as its cells (trimmed), header and separator rows left out. */
    List<List<String>> tableRows() {
        List<List<String>> rows = new ArrayList<>();
        boolean inCode = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                inCode = !inCode;
            }
            boolean header = i + 1 < lines.size() && lines.get(i + 1).startsWith("|---");
            if (!inCode && line.startsWith("|") && !line.startsWith("|---") && !header) {
                rows.add(cells(line));
            }
        }
        return rows;
    }

    /** The sections that describe a result area or a list element. */
    List<Layout> layouts() {
        List<Layout> layouts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = bullet(lines.get(i));
            if (line.startsWith("Exports: ")) {
                String result = bullet(lines.get(i + 1));
                if (!result.startsWith("Result: ")) {
                    throw new AssertionError("line " + (i + 2) + " should start with 'Result: ': " + result);
                }
                Matcher size = SIZE.matcher(result);
                if (!size.find()) {
                    throw new AssertionError("line " + (i + 2) + " names no size and alignment: " + result);
                }
                layouts.add(new Layout(codeSpans(line), null, codeSpans(result).getFirst(),
                        Integer.parseInt(size.group(1)), Integer.parseInt(size.group(2)), tableAt(i + 2)));
            } else if (line.startsWith("Element: ")) {
                Matcher size = SIZE.matcher(line);
                if (!size.find()) {
                    throw new AssertionError("line " + (i + 1) + " names no size and alignment: " + line);
                }
                layouts.add(new Layout(List.of(), codeSpans(line).getFirst(), codeSpans(line).getFirst(),
                        Integer.parseInt(size.group(1)), Integer.parseInt(size.group(2)), tableAt(i + 1)));
            }
        }
        return layouts;
    }

    /** A list item's text without its {@code "- "}. */
    private static String bullet(String line) {
        return line.startsWith("- ") ? line.substring(2) : line;
    }

    /** The contents of every {@code `code`} span of {@code text}, in order. */
    static List<String> codeSpans(String text) {
        List<String> spans = new ArrayList<>();
        Matcher m = CODE.matcher(text);
        while (m.find()) {
            spans.add(m.group(1));
        }
        return spans;
    }

    /** The text of a cell that is one code span, without its backticks; the cell itself otherwise. */
    static String code(String cell) {
        return cell.startsWith("`") && cell.endsWith("`") && cell.indexOf('`', 1) == cell.length() - 1
                ? cell.substring(1, cell.length() - 1) : cell;
    }

    /** The data rows of the table that starts at the first table line at or after {@code from} (blank lines skipped). */
    private List<List<String>> tableAt(int from) {
        int i = from;
        while (lines.get(i).isBlank()) {
            i++;
        }
        if (!lines.get(i).startsWith("|") || !lines.get(i + 1).startsWith("|---")) {
            throw new AssertionError("line " + (i + 1) + " should start a table: " + lines.get(i));
        }
        List<List<String>> rows = new ArrayList<>();
        for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            rows.add(cells(lines.get(i)));
        }
        return rows;
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
        return Arrays.stream(inner.split("\\|", -1)).map(String::trim).toList();
    }
}
