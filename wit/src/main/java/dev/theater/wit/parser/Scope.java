package dev.theater.wit.parser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The names declared in one interface or world: its type definitions, used names and functions. */
final class Scope {

    /** One declared name. */
    sealed interface Entry {
        Pos pos();
    }

    record TypeEntry(Ast.TypeDef def) implements Entry {
        @Override
        public Pos pos() {
            return def.pos();
        }
    }

    record UseEntry(Ast.Use use, Ast.UseName name) implements Entry {
        @Override
        public Pos pos() {
            return name.pos();
        }
    }

    record FuncEntry(Ast.Func func) implements Entry {
        @Override
        public Pos pos() {
            return func.pos();
        }
    }

    final String kind;
    final String name;
    final String docs;
    final Pos pos;
    final Map<String, Entry> entries = new LinkedHashMap<>();

    Scope(String kind, String name, String docs, Pos pos, List<Ast.Item> items) {
        this.kind = kind;
        this.name = name;
        this.docs = docs;
        this.pos = pos;
        for (Ast.Item item : items) {
            switch (item) {
                case Ast.Use u -> u.names().forEach(n -> add(n.localName(), new UseEntry(u, n)));
                case Ast.TypeDef t -> add(t.name(), new TypeEntry(t));
                case Ast.Func f -> add(f.name(), new FuncEntry(f));
            }
        }
    }

    private void add(String key, Entry e) {
        Entry first = entries.putIfAbsent(key, e);
        if (first != null) {
            throw e.pos().error("duplicate name '" + key + "' in " + this + " (first declared at " + first.pos() + ")");
        }
    }

    /** The names that denote types (definitions and uses), in declaration order. */
    List<String> typeNames() {
        return entries.entrySet().stream().filter(e -> !(e.getValue() instanceof FuncEntry)).map(Map.Entry::getKey).toList();
    }

    @Override
    public String toString() {
        return kind + " '" + name + "'";
    }
}
