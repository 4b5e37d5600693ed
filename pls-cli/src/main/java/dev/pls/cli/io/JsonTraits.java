package dev.pls.cli.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/*
 * Traits from JSON Lines: one object per line, keyed by exactly one of "user" or "account"; every
 * other member is a trait, keeping its JSON type (null means absent, objects and arrays are
 * rejected). {"user":"u1","employees":200,"industry":"software"}. A TraitKey such as
 * user=object_id names the keying member instead; every record must then have it. A record with a
 * trait the model declares with another type is rejected (wrong_type, see PropertyTypes).
 */
final class JsonTraits implements JsonLines.ObjectHandler {
  private final TraitKey key;
  private final PropertyTypes types;

  JsonTraits(TraitKey key, PropertyTypes types) {
    this.key = key;
    this.types = types;
  }

  @Override
  public void handle(JsonNode o, InputSink sink) throws BadRecord {
    if (key.field().isPresent()) {
      String field = key.field().get();
      if (!o.has(field)) {
        throw new BadRecord(RejectReason.MISSING_ID, "no '" + field + "'");
      }
      traits(o, field, key.kind().orElseThrow(), sink);
      return;
    }
    boolean isUser = o.has("user");
    boolean isAccount = o.has("account");
    if (isUser && isAccount) {
      throw new BadRecord(
          RejectReason.BAD_VALUE, "has both 'user' and 'account'; a line describes one entity");
    }
    if (!isUser && !isAccount) {
      throw new BadRecord(RejectReason.MISSING_ID, "neither 'user' nor 'account'");
    }
    traits(o, isUser ? "user" : "account", isUser ? EntityKind.USER : EntityKind.ACCOUNT, sink);
  }

  private void traits(JsonNode o, String key, EntityKind kind, InputSink sink) throws BadRecord {
    String id =
        Fields.id(o.get(key), key)
            .orElseThrow(() -> new BadRecord(RejectReason.MISSING_ID, "empty '" + key + "'"));
    Map<String, Value> traits = new LinkedHashMap<>();
    var it = o.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().equals(key)) {
        Fields.value(e.getKey(), e.getValue(), "trait").ifPresent(v -> traits.put(e.getKey(), v));
      }
    }
    sink.traits(kind, id, types.traits(kind, traits));
  }
}
