package dev.pls.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pls.cli.io.EntityAssembler;
import dev.pls.core.input.AccountRule;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Model;
import dev.pls.core.model.Value;
import dev.pls.core.scoring.Scorer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.flink.api.common.functions.util.ListCollector;

/**
 * {@link Members#account} against {@code pls score}'s {@link
 * EntityAssembler#accountsWithMembers()}: for generated users (with and without traits, naming
 * their own account, another one or none), events of accounts alone and account traits, the records
 * the user stage sends to each account give, through {@code Members}, the account {@code pls score}
 * builds, and the same card from the reference evaluator.
 */
class MembersTest {
  private static final Model MODEL = model();
  private static final Instant T = Instant.parse("2026-10-21T12:00:00Z");
  private static final String[] NAMES = {"invite_sent", "feature_used", "login", "contract_viewed"};
  private static final String[] ACCOUNTS = {"acme.io", "team-a", "side.example"};
  private static final String[] DOMAINS = {"acme.io", "gmail.com", "nexly.ai"};

  private static Model model() {
    try {
      return ModelSource.read(Path.of("src/test/resources/dev/pls/flink/members.pls")).model();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** An event as generated: a user (or none, for an account's own), what it names, when. */
  record Gen(int user, int name, int account, int hoursBefore, int feature) {}

  /** A user's traits as generated: -1 for none. */
  record Traits(int domain, int department) {}

  @Provide
  Arbitrary<List<Gen>> events() {
    return Combinators.combine(
            Arbitraries.integers().between(-1, 5),
            Arbitraries.integers().between(0, NAMES.length - 1),
            Arbitraries.integers().between(-1, ACCOUNTS.length - 1),
            Arbitraries.integers().between(-12, 24 * 20),
            Arbitraries.integers().between(0, 3))
        .as(Gen::new)
        .list()
        .ofMaxSize(40);
  }

  @Provide
  Arbitrary<List<Traits>> traits() {
    return Combinators.combine(
            Arbitraries.integers().between(-1, DOMAINS.length - 1),
            Arbitraries.integers().between(-1, 2))
        .as(Traits::new)
        .list()
        .ofSize(6);
  }

  @Property(tries = 200)
  void theAccountsBuiltFromWhatHomesSends_areThoseOfPlsScore(
      @ForAll("events") List<Gen> events,
      @ForAll("traits") List<Traits> traits,
      @ForAll boolean accountTraits) {
    EntityAssembler score = EntityAssembler.create(AccountRule.standard());
    List<Input> eventRecords = new ArrayList<>();
    List<Input> traitRecords = new ArrayList<>();
    int line = 0;
    for (Gen g : events) {
      Instant time = T.minus(Duration.ofHours(g.hoursBefore()));
      Event e;
      Input in = new Input();
      if (g.user() < 0) {
        String account = ACCOUNTS[Math.max(0, g.account())];
        e = Event.ofAccount(account, NAMES[g.name()], time);
        in.kind = Input.ACCOUNT_EVENT;
        in.account = account;
      } else {
        e = Event.of("u" + g.user(), NAMES[g.name()], time);
        if (g.account() >= 0) {
          e = e.withAccount(ACCOUNTS[g.account()]);
        }
        in.kind = Input.EVENT;
        in.user = e.user();
      }
      if (NAMES[g.name()].equals("feature_used")) {
        e = e.withProperty("feature", "f" + g.feature());
      }
      score.event(e);
      in.file = 0;
      in.line = ++line;
      in.time = time.toEpochMilli();
      in.data = Codec.event(e);
      eventRecords.add(in);
    }
    for (int u = 0; u < traits.size(); u++) {
      Traits t = traits.get(u);
      Map<String, Value> values = new LinkedHashMap<>();
      if (t.domain() >= 0) {
        values.put("email_domain", Value.str(DOMAINS[t.domain()]));
      }
      if (t.department() >= 0) {
        values.put("department", Value.str("d" + t.department()));
      }
      if (!values.isEmpty()) {
        score.traits(EntityKind.USER, "u" + u, values);
        Input in = new Input();
        in.kind = Input.TRAITS;
        in.user = "u" + u;
        in.file = 1;
        in.line = u + 1;
        in.data = Codec.traits(values);
        traitRecords.add(in);
      }
    }
    if (accountTraits) {
      Map<String, Value> values = Map.of("plan", Value.str("team"), "seats", Value.num(12));
      score.traits(EntityKind.ACCOUNT, "acme.io", values);
      Input in = new Input();
      in.kind = Input.ACCOUNT_TRAITS;
      in.account = "acme.io";
      in.file = 1;
      in.line = 100;
      in.data = Codec.traits(values);
      traitRecords.add(in);
    }

    // What Homes sends, each user's account fixed as pls score has it after the whole input.
    List<Input> sent = new ArrayList<>();
    ListCollector<Input> out = new ListCollector<>(sent);
    for (Input t : traitRecords) {
      if (t.kind == Input.ACCOUNT_TRAITS) {
        sent.add(t);
      }
    }
    TreeMap<String, Optional<String>> homes = new TreeMap<>();
    for (Input in : eventRecords) {
      if (in.user != null) {
        homes.put(in.user, score.accountOf(in.user));
      }
    }
    for (Input t : traitRecords) {
      if (t.user != null) {
        homes.put(t.user, score.accountOf(t.user));
      }
    }
    homes.forEach(
        (user, home) ->
            home.ifPresent(
                h ->
                    Members.join(
                        user,
                        h,
                        traitRecords.stream().filter(t -> user.equals(t.user)).toList(),
                        out)));
    for (Input in : eventRecords) {
      Event e = Codec.readEvent(in.data);
      if (in.user == null) {
        sent.add(in);
        continue;
      }
      Optional<String> home = homes.get(in.user);
      String account = e.account().orElse(home.orElse(""));
      if (home.isPresent() && account.equals(home.get())) {
        sent.add(Members.event(in, home.get()));
      } else if (!account.isEmpty()) {
        Input foreign = new Input();
        foreign.kind = Input.ACCOUNT_EVENT;
        foreign.account = account;
        foreign.user = in.user;
        foreign.file = in.file;
        foreign.line = in.line;
        foreign.time = in.time;
        foreign.data = in.data;
        sent.add(foreign);
      }
    }

    TreeMap<String, List<Input>> accountEvents = new TreeMap<>();
    TreeMap<String, List<Input>> accountTraitRecords = new TreeMap<>();
    for (Input in : sent) {
      boolean event = in.kind == Input.ACCOUNT_EVENT || in.kind == Input.MEMBER_EVENT;
      (event ? accountEvents : accountTraitRecords)
          .computeIfAbsent(in.account, a -> new ArrayList<>())
          .add(in);
      (event ? accountTraitRecords : accountEvents)
          .computeIfAbsent(in.account, a -> new ArrayList<>());
    }
    List<Entity> expected = score.accountsWithMembers();
    assertEquals(
        expected.stream().map(Entity::id).toList(), List.copyOf(accountEvents.keySet()), "ids");
    Scorer reference = Scorer.reference(MODEL);
    for (Entity account : expected) {
      List<Input> es = new ArrayList<>(accountEvents.get(account.id()));
      List<Input> ts = new ArrayList<>(accountTraitRecords.get(account.id()));
      es.sort(Input.FILE_ORDER);
      ts.sort(Input.FILE_ORDER);
      Entity built = Members.account(account.id(), es, ts);
      assertEquals(account.traits(), built.traits(), account.id());
      assertEquals(
          account.members().stream().map(Entity::id).toList(),
          built.members().stream().map(Entity::id).toList(),
          account.id());
      for (int i = 0; i < account.members().size(); i++) {
        assertEquals(account.members().get(i).traits(), built.members().get(i).traits());
        assertEquals(
            sortedByTime(account.members().get(i).events()),
            sortedByTime(built.members().get(i).events()));
      }
      assertEquals(sortedByTime(account.events()), sortedByTime(built.events()), account.id());
      for (Instant at : List.of(T.minus(Duration.ofDays(7)), T)) {
        try {
          assertEquals(
              ScoreSteps.json(reference.score(account, at)),
              ScoreSteps.json(reference.score(built, at)));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }
  }

  private static List<String> sortedByTime(List<Event> events) {
    return events.stream().map(Event::toString).sorted().toList();
  }
}
