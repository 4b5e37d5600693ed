package dev.pls.dsl.internal;

import dev.pls.core.model.Aggregate;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.MemberAggregate;
import dev.pls.core.model.Model;
import dev.pls.core.model.Resolution;
import dev.pls.core.model.Signal;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Value;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/*
 * The header and declarations pass, the first: it fills the environment every later pass reads.
 *
 * The header gives the model's id, version, entity, resolution and zone, and an account model's
 * `members` (resolved by the account pass against the models checked before). Then, in this
 * order, traits, sets, events and signals; traits, sets and signals share one namespace, events
 * have their own. A signal is an aggregate or member function call without a window (the window
 * goes where the signal is used); its call is lowered by condition typing, so a signal reads the
 * traits, sets and events declared before it.
 *
 * Its last step runs after every condition is typed: with open events, two event names the model
 * reads that are a typo apart are worth a warning.
 */
/** Checks the header and the declarations, filling the environment. */
final class Declarations {
  private final Env env;
  private final Reporter reporter;
  private final Conditions conditions;
  private final AccountChecks accounts;

  Declarations(Env env, Conditions conditions, AccountChecks accounts) {
    this.env = env;
    this.reporter = env.reporter();
    this.conditions = conditions;
    this.accounts = accounts;
  }

  /**
   * Checks the header; a builder of the model it starts, or empty if there is no header (reported).
   *
   * @param earlier the symbol tables of the models before this one, by id
   * @param headers every header of the file
   */
  Optional<Model.Builder> header(Map<String, SymbolTable> earlier, List<Ast.Header> headers) {
    Ast.Model file = env.file();
    if (file.header().isEmpty()) {
      reporter.error(
          Code.PLS0103,
          Ast.Span.NONE,
          "a rule file starts with its model header, e.g. 'model my_pql version 1'");
      return Optional.empty();
    }
    Ast.Header h = file.header().get();
    Model.Builder b = Model.builder(h.name().name());
    h.version().ifPresent(v -> b.version(v.intValue()));
    if (h.entity().isPresent()) {
      String kind = h.entity().get().name();
      if (kind.equals("user")) {
        env.entity(EntityKind.USER);
      } else if (kind.equals("account")) {
        env.entity(EntityKind.ACCOUNT);
      } else {
        reporter.error(
            Code.PLS0204,
            h.entity().get().span(),
            "unknown entity '" + kind + "'; a model scores 'user' or 'account'");
      }
      b.entity(env.entity());
    }
    h.members().ifPresent(m -> accounts.resolveMembers(h, m, earlier, headers));
    if (h.resolution().isPresent()) {
      Ast.WindowLit r = h.resolution().get();
      if (r.amount() == 1 && r.unit() == 'd') {
        env.resolution(Resolution.DAY);
      } else if (r.amount() == 1 && r.unit() == 'h') {
        env.resolution(Resolution.HOUR);
      } else {
        reporter.error(Code.PLS0102, r.span(), "the resolution must be 1d or 1h, was " + r);
      }
      b.resolution(env.resolution());
    }
    if (h.timezone().isPresent()) {
      Ast.StrLit z = h.timezone().get();
      try {
        // Fixed-offset zones ("UTC", "Etc/GMT+5") become offsets, so `timezone "UTC"` makes the
        // same model as the builder's default.
        ZoneId zone = ZoneId.of(z.value()).normalized();
        b.zone(zone);
      } catch (DateTimeException e) {
        reporter.error(
            Code.PLS0102,
            z.span(),
            "unknown time zone "
                + Printer.quote(z.value())
                + "; use a region such as \"Europe/Paris\" or \"UTC\"");
      }
    } else {
      b.zone(ZoneOffset.UTC);
    }
    return Optional.of(b);
  }

  /** Checks traits, sets, events and signals, in that order, into the environment. */
  void declarations() {
    Ast.Model file = env.file();
    Map<String, Ast.Span> declared = new LinkedHashMap<>();
    Map<String, Ast.Trait> sources = new LinkedHashMap<>();
    for (Ast.Trait t : file.traits()) {
      if (!env.declareOnce(declared, t.name())) {
        continue;
      }
      if (t.source().isPresent()
          && !env.usableText(t.sourceName(), t.source().get().span(), "the trait's source name")) {
        continue;
      }
      Ast.Trait before = sources.putIfAbsent(t.sourceName(), t);
      if (before != null) {
        // A reader finds a trait by the name the data gives it: two traits cannot read one column.
        reporter.error(
            Code.PLS0205,
            t.source().map(Ast.StrLit::span).orElse(t.name().span()),
            "trait '"
                + t.name().name()
                + "' reads "
                + Printer.quote(t.sourceName())
                + ", which trait '"
                + before.name().name()
                + "' on line "
                + before.span().line()
                + " already reads");
        continue;
      }
      Optional<TraitType> type = traitType(t.type().name());
      if (type.isEmpty()) {
        reporter.error(
            Code.PLS0204,
            t.type().span(),
            "unknown trait type '"
                + t.type().name()
                + "'; use int, number, string or bool"
                + Names.didYouMean(
                    reporter, t.type().name(), List.of("int", "number", "string", "bool")));
      } else {
        env.traits().put(t.name().name(), type.get());
        env.traitSources().put(t.name().name(), t.sourceName());
      }
    }
    for (Ast.SetDecl s : file.sets()) {
      if (env.declareOnce(declared, s.name())) {
        List<Value> values = new ArrayList<>();
        for (Ast.Lit l : s.values()) {
          if (!values.isEmpty() && values.get(0).type() != l.value().type()) {
            reporter.error(
                Code.PLS0301,
                l.span(),
                "set '"
                    + s.name().name()
                    + "' mixes "
                    + values.get(0).type().displayName()
                    + "s and "
                    + l.value().type().displayName()
                    + "s; a set holds values of one type");
          }
          values.add(l.value());
        }
        env.sets().put(s.name().name(), values);
      }
    }
    Map<String, Ast.Span> eventNames = new LinkedHashMap<>();
    for (Ast.EventDecl e : file.events()) {
      if (env.declareOnce(eventNames, e.alias())
          && e.event()
              .map(t -> env.usableText(t.value(), t.span(), "the event name"))
              .orElse(true)) {
        env.events().put(e.alias().name(), e.eventName());
      }
    }
    for (Ast.SignalDecl s : file.signals()) {
      if (env.declareOnce(declared, s.name())) {
        signal(s);
      }
    }
  }

  private void signal(Ast.SignalDecl s) {
    if (!(s.definition() instanceof Ast.Call call)
        || (Functions.aggregate(call.function()).isEmpty()
            && Functions.member(call.function()).isEmpty())) {
      reporter.error(
          Code.PLS0203,
          s.definition().span(),
          "a signal is an aggregate such as count(event) or distinct(event.property), not '"
              + Printer.expr(s.definition())
              + "'");
      return;
    }
    if (call.window().isPresent()) {
      reporter.error(
          Code.PLS0302,
          call.window().get().span(),
          "a signal is defined without a window; put 'within "
              + call.window().get()
              + "' where the signal is used");
      return;
    }
    String name = s.name().name();
    if (Functions.member(call.function()).isPresent()) {
      Optional<MemberAggregate> m = conditions.memberAggregate(call);
      m.ifPresent(a -> env.memberSignals().put(name, a));
      return;
    }
    Optional<Aggregate> a = conditions.aggregate(call);
    a.ifPresent(x -> env.signals().put(name, new Signal(name, x)));
  }

  /** A trait type by its name in the language. */
  static Optional<TraitType> traitType(String name) {
    for (TraitType t : TraitType.values()) {
      if (t.displayName().equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /*
   * With open events, a misspelt event name is silently a new event. Two names the model reads
   * that are one or two edits apart (and long enough that this is unlikely by design) are most
   * often a typo, so the later one gets a warning.
   *
   * Comparing every pair was quadratic in the names (63 KB of names took seconds and printed
   * megabytes of warnings). Earlier names are bucketed by length, so a name is compared only with
   * those at most two characters longer or shorter, each by a banded distance that gives up past
   * two; and only the first Limits.MAX_NEAR_MISS_EVENTS names take part: a model reading more
   * distinct events than that is generated, not typed.
   */
  void similarEvents() {
    if (!env.openEvents()) {
      return;
    }
    Map<String, Ast.Span> uses = env.eventUses();
    Map<Integer, List<String>> byLength = new HashMap<>();
    Map<String, Integer> order = new HashMap<>();
    int compared = 0;
    for (Map.Entry<String, Ast.Span> e : uses.entrySet()) {
      if (++compared > Limits.MAX_NEAR_MISS_EVENTS) {
        break;
      }
      String name = e.getKey();
      if (name.length() > 64) {
        continue;
      }
      if (name.length() >= 5) {
        // The earliest earlier name within two edits, as the pairwise scan in file order found it.
        String match = null;
        int matchLine = Integer.MAX_VALUE;
        for (int len = name.length() - 2; len <= name.length() + 2; len++) {
          for (String earlier : byLength.getOrDefault(len, List.of())) {
            int d = Names.distanceAtMost(name, earlier, 2);
            if (d > 0 && d <= 2) {
              Ast.Span at = uses.get(earlier);
              if (match == null || order.get(earlier) < order.get(match)) {
                match = earlier;
                matchLine = at.line();
              }
              break;
            }
          }
        }
        if (match != null) {
          reporter.warning(
              Code.PLS0505,
              e.getValue(),
              "event '"
                  + name
                  + "' is a near miss of '"
                  + match
                  + "' (line "
                  + matchLine
                  + "); if it is a typo fix it, and declare events with 'event' to make typos"
                  + " errors");
        }
      }
      order.put(name, order.size());
      byLength.computeIfAbsent(name.length(), k -> new ArrayList<>()).add(name);
    }
  }
}
