package dev.theater.core.abi;

import dev.theater.api.wit.WitType;
import dev.theater.core.abi.VariantCodec.Shape;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Builds the codec tree for a WIT type (the spec's {@code despecialize} happens here), caching by type. */
final class Codecs {

    private static final Map<WitType, Codec> CACHE = new ConcurrentHashMap<>();

    private Codecs() {
    }

    static Codec of(WitType type) {
        Codec cached = CACHE.get(type);
        if (cached != null) {
            return cached;
        }
        Codec built = build(type);
        CACHE.putIfAbsent(type, built);
        return built;
    }

    private static Codec build(WitType type) {
        return switch (type) {
            case WitType.Primitive p when p == WitType.Primitive.STRING -> new StringCodec();
            case WitType.Primitive p -> new PrimitiveCodec(p);
            case WitType.ListOf l when l.element() == WitType.Primitive.U8 -> new BytesCodec(l);
            case WitType.ListOf l -> new ListCodec(l, of(l.element()));
            case WitType.Tuple t -> RecordCodec.of(t, t.elements().stream().map(Codecs::of).toList(), true);
            case WitType.Record r -> RecordCodec.of(r, r.fields().stream().map(f -> of(f.type())).toList(), false);
            case WitType.OptionOf o -> new VariantCodec(o, Shape.OPTION, List.of(Optional.empty(), Optional.of(of(o.some()))));
            case WitType.Result r -> new VariantCodec(r, Shape.RESULT, List.of(r.ok().map(Codecs::of), r.err().map(Codecs::of)));
            case WitType.Variant v -> new VariantCodec(v, Shape.VARIANT,
                    v.cases().stream().map(c -> c.payload().map(Codecs::of)).toList());
            case WitType.Enum e -> new EnumCodec(e);
            case WitType.Flags f -> new FlagsCodec(f);
        };
    }
}
