package dev.theater.testing.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik arbitraries of {@link Edit}s: generic byte and line edits, plus the tokens and nestings of one language. */
public final class Edits {

    private Edits() {}

    /**
     * Up to {@code maxEdits} edits, drawn from byte flips and sets, random insertions, deletions, duplications and
     * truncations, line duplications, deletions and moves, insertions of {@code tokens} (the input language's
     * delimiters and keywords), {@code nestings} from 1 to 5,000 levels deep and {@code chainings} of 1 to 5,000
     * steps (both often near 64, where the limits are).
     */
    public static Arbitrary<List<Edit>> edits(int maxEdits, List<byte[]> tokens, List<Edit.Nesting> nestings,
            List<Edit.Chaining> chainings) {
        return edit(tokens, nestings, chainings).list().ofMinSize(1).ofMaxSize(maxEdits);
    }

    /** Tokens given as text, encoded as UTF-8. */
    public static List<byte[]> tokens(String... texts) {
        List<byte[]> out = new ArrayList<>();
        for (String t : texts) {
            out.add(t.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static Arbitrary<Edit> edit(List<byte[]> tokens, List<Edit.Nesting> nestings, List<Edit.Chaining> chainings) {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<Integer> small = Arbitraries.integers().between(1, 64);
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8);
        List<Arbitrary<? extends Edit>> choices = new ArrayList<>(List.of(
                Combinators.combine(at, Arbitraries.integers().between(0, 7)).as(Edit.Flip::new),
                Combinators.combine(at, Arbitraries.integers().between(0, 255)).as(Edit.Set::new),
                Combinators.combine(at, random).as(Edit.Insert::new),
                Combinators.combine(at, small).as(Edit.Delete::new),
                Combinators.combine(at, Arbitraries.integers().between(1, 512)).as(Edit.Duplicate::new),
                at.map(Edit.Truncate::new),
                at.map(Edit.DuplicateLine::new),
                at.map(Edit.DeleteLine::new),
                Combinators.combine(at, at).as(Edit.MoveLine::new)));
        if (!tokens.isEmpty()) {
            Arbitrary<Edit> token = Combinators.combine(at, Arbitraries.of(tokens)).as(Edit.Insert::new);
            choices.add(token);
            choices.add(token); // twice as likely as one generic edit: the language's own tokens reach further
        }
        Arbitrary<Integer> depth = Arbitraries.oneOf(Arbitraries.integers().between(1, 80),
                Arbitraries.integers().between(1, 5_000));
        if (!nestings.isEmpty()) {
            choices.add(Combinators.combine(at, Arbitraries.of(nestings), depth).as(Edit.Nest::new));
        }
        if (!chainings.isEmpty()) {
            choices.add(Combinators.combine(at, Arbitraries.of(chainings), depth).as(Edit.Chain::new));
        }
        return Arbitraries.oneOf(choices);
    }

    /** {@code edits} applied in order to {@code seed}. */
    public static byte[] apply(byte[] seed, List<Edit> edits) {
        byte[] out = seed;
        for (Edit e : edits) {
            out = e.apply(out);
        }
        return out;
    }
}
