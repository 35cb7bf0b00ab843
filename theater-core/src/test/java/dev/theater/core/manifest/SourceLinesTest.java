package dev.theater.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceLinesTest {

    private final SourceLines lines = new SourceLines("""
            # name = "comment"
            description = "a ''' and a \\" and # [[handlers]]"
            "name" = 'x'
            long_description = '''
            [[handlers]]
            type = "fake"
            '''
            limits.call_timeout_ms = 5
            [[handlers]]
            type = "a"
            [handlers.config]
            type = "in config"
            [[ handlers ]] # spaced
            config = { type = "b" }
            'type' = "b"
            [limits]
            mailbox_capacity = 3
            """);

    @Test
    void findsTopLevelKeysQuotedOrDottedAndSkipsStringsAndComments() {
        assertThat(lines.topLevel("name")).isEqualTo(3);
        assertThat(lines.topLevel("description")).isEqualTo(2);
        assertThat(lines.topLevel("long_description")).isEqualTo(4);
        assertThat(lines.topLevel("limits")).isEqualTo(8);
        assertThat(lines.topLevel("handlers")).isEqualTo(9);
        assertThat(lines.topLevel("absent")).isEqualTo(1);
    }

    @Test
    void findsArrayEntriesAndTheirOwnKeys() {
        assertThat(lines.entry("handlers", 0)).isEqualTo(9);
        assertThat(lines.entry("handlers", 1)).isEqualTo(13);
        assertThat(lines.entry("handlers", 2)).isEqualTo(9);
        assertThat(lines.inEntry("handlers", 0, "type")).isEqualTo(10);
        assertThat(lines.inEntry("handlers", 0, "config")).isEqualTo(11);
        assertThat(lines.inEntry("handlers", 1, "type")).isEqualTo(15);
        assertThat(lines.inEntry("handlers", 1, "config")).isEqualTo(14);
        assertThat(lines.inEntry("handlers", 1, "absent")).isEqualTo(13);
    }

    @Test
    void findsKeysInTables() {
        assertThat(lines.inTable("limits", "call_timeout_ms")).isEqualTo(8);
        assertThat(lines.inTable("limits", "mailbox_capacity")).isEqualTo(17);
        assertThat(lines.inTable("limits", "absent")).isEqualTo(8);
    }
}
