package dev.pls.core.model;

import static java.util.Objects.requireNonNull;

import dev.pls.core.internal.base.Names;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * A scoring model: traits, signals, categories of rules, exclusions and tiers, with a time
 * resolution and zone. The rules language compiles to a {@code Model}; Java code builds one with
 * {@link #builder(String)}.
 *
 * <p>Immutable and thread-safe. A model that builds is well-typed and internally consistent: every
 * name resolves, every window fits the resolution, ids and names are unique. Two models are {@code
 * equals} when they are made of equal parts in the same order.
 */
public final class Model {
  private final String id;
  private final int version;
  private final EntityKind entity;
  private final Resolution resolution;
  private final ZoneId zone;
  private final List<Trait> traits;
  private final List<Signal> signals;
  private final List<Category> categories;
  private final List<Exclusion> exclusions;
  private final List<Tier> tiers;
  private final Optional<Model> members;
  private final Optional<Rollup> rollup;
  private final Optional<Handoff> handoff;
  private final Optional<Grid> grid;
  private final Optional<Activation> activation;
  private final ModelInputs inputs;

  private Model(Builder b, List<Signal> signals, ModelInputs inputs) {
    this.id = b.id;
    this.version = b.version;
    this.entity = b.entity;
    this.resolution = b.resolution;
    this.zone = b.zone;
    this.traits = List.copyOf(b.traits.values());
    this.signals = List.copyOf(signals);
    this.categories = List.copyOf(b.categories);
    this.exclusions = List.copyOf(b.exclusions);
    this.tiers = List.copyOf(b.tiers);
    this.members = b.members;
    this.rollup = b.members.map(m -> b.rollup.orElse(Rollup.sum()));
    this.handoff = b.handoff;
    this.grid = b.grid;
    this.activation = b.activation;
    this.inputs = inputs;
  }

  /** A builder for a model named {@code id}. */
  public static Builder builder(String id) {
    return new Builder(Names.check(id, "id"));
  }

  /** The model's id. */
  public String id() {
    return id;
  }

  /** The model's version, at least 1. */
  public int version() {
    return version;
  }

  /** Whether the model scores users (PQL) or accounts (PQA). */
  public EntityKind entity() {
    return entity;
  }

  /** The time resolution of its windows. */
  public Resolution resolution() {
    return resolution;
  }

  /** The time zone that days and hours are counted in. */
  public ZoneId zone() {
    return zone;
  }

  /** The declared traits, in declaration order. */
  public List<Trait> traits() {
    return traits;
  }

  /** The trait named {@code name}, if declared. */
  public Optional<Trait> trait(String name) {
    return traits.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** Every signal: declared ones first, then those first used in rules, exclusions, tiers. */
  public List<Signal> signals() {
    return signals;
  }

  /** The categories, in order. */
  public List<Category> categories() {
    return categories;
  }

  /** Every rule, in category order. */
  public List<Rule> rules() {
    return categories.stream().flatMap(c -> c.rules().stream()).toList();
  }

  /** The rule with this id, if any. */
  public Optional<Rule> rule(String id) {
    return rules().stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** The exclusions, in order. */
  public List<Exclusion> exclusions() {
    return exclusions;
  }

  /** The tiers, in order: the first whose condition holds wins. */
  public List<Tier> tiers() {
    return tiers;
  }

  /**
   * For an account model that rolls up its members' scores: the user model members are scored with.
   * Empty for user models and for account models scored on their own events only.
   */
  public Optional<Model> memberModel() {
    return members;
  }

  /**
   * How member scores roll up into the account score; present exactly when {@link #memberModel()}
   * is.
   */
  public Optional<Rollup> rollup() {
    return rollup;
  }

  /** The sales hand-off: queues, segments, routes, triggers, alerts. */
  public Optional<Handoff> handoff() {
    return handoff;
  }

  /** The fit × engagement grid that names each card's cell, if the model has one. */
  public Optional<Grid> grid() {
    return grid;
  }

  /**
   * What activation is for this model (a rule id or an event), if it declares it; the readiness
   * gate measures the activation rate with it.
   */
  public Optional<Activation> activation() {
    return activation;
  }

  /** What the model reads. */
  public ModelInputs inputs() {
    return inputs;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Model m
        && id.equals(m.id)
        && version == m.version
        && entity == m.entity
        && resolution == m.resolution
        && zone.equals(m.zone)
        && traits.equals(m.traits)
        && signals.equals(m.signals)
        && categories.equals(m.categories)
        && exclusions.equals(m.exclusions)
        && tiers.equals(m.tiers)
        && members.equals(m.members)
        && rollup.equals(m.rollup)
        && handoff.equals(m.handoff)
        && grid.equals(m.grid)
        && activation.equals(m.activation);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        id,
        version,
        entity,
        resolution,
        zone,
        traits,
        signals,
        categories,
        exclusions,
        tiers,
        members,
        rollup,
        handoff,
        grid,
        activation);
  }

  @Override
  public String toString() {
    return "model " + id + " version " + version;
  }

  /**
   * Builds a {@link Model}. Each method checks its arguments at once and names the wrong one;
   * {@link #build()} checks the whole: names resolve, types agree, windows fit the resolution.
   *
   * <p>Defaults: version 1, entity {@link EntityKind#USER}, resolution {@link Resolution#DAY}, zone
   * UTC. Not thread-safe.
   */
  public static final class Builder {
    private final String id;
    private int version = 1;
    private EntityKind entity = EntityKind.USER;
    private Resolution resolution = Resolution.DAY;
    private ZoneId zone = ZoneOffset.UTC;
    private final Map<String, Trait> traits = new LinkedHashMap<>();
    private final Map<String, Signal> declared = new LinkedHashMap<>();
    private final List<Category> categories = new ArrayList<>();
    private final List<Exclusion> exclusions = new ArrayList<>();
    private final List<Tier> tiers = new ArrayList<>();
    private Optional<Model> members = Optional.empty();
    private Optional<Rollup> rollup = Optional.empty();
    private Optional<Handoff> handoff = Optional.empty();
    private Optional<Grid> grid = Optional.empty();
    private Optional<Activation> activation = Optional.empty();

    private Builder(String id) {
      this.id = id;
    }

    /** Sets the version. */
    public Builder version(int version) {
      if (version < 1) {
        throw new IllegalArgumentException("version: must be at least 1, was " + version);
      }
      this.version = version;
      return this;
    }

    /** Sets what the model scores. */
    public Builder entity(EntityKind entity) {
      this.entity = requireNonNull(entity, "entity");
      return this;
    }

    /** Sets the time resolution. */
    public Builder resolution(Resolution resolution) {
      this.resolution = requireNonNull(resolution, "resolution");
      return this;
    }

    /** Sets the time zone days and hours are counted in. */
    public Builder zone(ZoneId zone) {
      // ZoneId.of("UTC") and ZoneOffset.UTC count days alike; normalising makes such models equal.
      this.zone = requireNonNull(zone, "zone").normalized();
      return this;
    }

    /** Declares a trait. */
    public Builder trait(String name, TraitType type) {
      return trait(new Trait(name, type));
    }

    /**
     * Declares a trait.
     *
     * @throws IllegalArgumentException if a trait of that name, or of that source name, is already
     *     declared
     */
    public Builder trait(Trait trait) {
      requireNonNull(trait, "trait");
      if (traits.containsKey(trait.name())) {
        throw new IllegalArgumentException("trait: '" + trait.name() + "' is already declared");
      }
      for (Trait t : traits.values()) {
        // A reader finds a trait by its source name: two of one source would read one column twice.
        if (t.source().equals(trait.source())) {
          throw new IllegalArgumentException(
              "trait: '"
                  + trait.name()
                  + "' is read from '"
                  + trait.source()
                  + "', as '"
                  + t.name()
                  + "' already is");
        }
      }
      traits.put(trait.name(), trait);
      return this;
    }

    /**
     * Declares a signal. Signals used in conditions need not be declared; declaring one makes it
     * part of the model's inputs even when no rule uses it.
     *
     * @throws IllegalArgumentException if a different signal of that name is already declared
     */
    public Builder signal(Signal signal) {
      requireNonNull(signal, "signal");
      Signal existing = declared.get(signal.name());
      if (existing != null) {
        throw new IllegalArgumentException("signal: '" + signal.name() + "' is already declared");
      }
      declared.put(signal.name(), signal);
      return this;
    }

    /**
     * Adds a category.
     *
     * @throws IllegalArgumentException if a category of that name exists
     */
    public Builder category(Category category) {
      requireNonNull(category, "category");
      for (Category c : categories) {
        if (c.name().equals(category.name())) {
          throw new IllegalArgumentException(
              "category: '" + category.name() + "' is already defined");
        }
      }
      categories.add(category);
      return this;
    }

    /** Adds a category built by {@code rules}: {@code .category("intent", c -> c.rule(...))}. */
    public Builder category(String name, java.util.function.Consumer<Category.Builder> rules) {
      Category.Builder b = Category.builder(name);
      requireNonNull(rules, "rules").accept(b);
      return category(b.build());
    }

    /** Adds an exclusion. */
    public Builder exclude(Expr condition, String reason) {
      exclusions.add(new Exclusion(condition, reason));
      return this;
    }

    /**
     * Adds a tier after those already added.
     *
     * @throws IllegalArgumentException if a tier of that name exists
     */
    public Builder tier(String name, Expr condition) {
      Tier tier = new Tier(name, condition);
      for (Tier t : tiers) {
        if (t.name().equals(name)) {
          throw new IllegalArgumentException("name: tier '" + name + "' is already defined");
        }
      }
      tiers.add(tier);
      return this;
    }

    /**
     * Makes this an account model that rolls up members scored by {@code userModel}; the rollup is
     * the sum of member scores unless {@link #rollup} says otherwise. Sets the entity to {@link
     * EntityKind#ACCOUNT}.
     *
     * @throws IllegalArgumentException if {@code userModel} is not a user model
     */
    public Builder memberModel(Model userModel) {
      requireNonNull(userModel, "userModel");
      if (userModel.entity() != EntityKind.USER) {
        throw new IllegalArgumentException(
            "userModel: members are scored by a user model, but '"
                + userModel.id()
                + "' scores "
                + userModel.entity().displayName()
                + "s");
      }
      this.members = Optional.of(userModel);
      this.entity = EntityKind.ACCOUNT;
      return this;
    }

    /** Sets how member scores roll up; needs {@link #memberModel}. */
    public Builder rollup(Rollup rollup) {
      this.rollup = Optional.of(requireNonNull(rollup, "rollup"));
      return this;
    }

    /** Sets the sales hand-off. */
    public Builder handoff(Handoff handoff) {
      this.handoff = Optional.of(requireNonNull(handoff, "handoff"));
      return this;
    }

    /**
     * Sets the fit × engagement grid; a model has at most one.
     *
     * @throws IllegalArgumentException if a grid is already set
     */
    public Builder grid(Grid grid) {
      requireNonNull(grid, "grid");
      if (this.grid.isPresent()) {
        throw new IllegalArgumentException(
            "grid: the model already has grid '"
                + this.grid.get().name()
                + "'; a model has at most one grid");
      }
      this.grid = Optional.of(grid);
      return this;
    }

    /**
     * Declares what activation is for the model; {@link #build()} checks that a rule activation
     * names a rule of the model, and that an event activation's name is not also a rule id.
     */
    public Builder activation(Activation activation) {
      this.activation = Optional.of(requireNonNull(activation, "activation"));
      return this;
    }

    /**
     * Checks the whole model and builds it.
     *
     * @throws IllegalArgumentException naming the rule, exclusion or tier at fault when a name does
     *     not resolve, a type does not fit, a window does not fit the resolution, or a rule id is
     *     used twice
     */
    public Model build() {
      Map<String, Signal> signals = new LinkedHashMap<>(declared);
      List<Window> windows = new ArrayList<>();
      Typing typing =
          new Typing(
              traits,
              categoryNames(),
              (s, where) -> {
                Signal existing = signals.putIfAbsent(s.name(), s);
                if (existing != null && !existing.equals(s)) {
                  throw new IllegalArgumentException(
                      where
                          + ": signal '"
                          + s.name()
                          + "' is "
                          + s.aggregate()
                          + " here but "
                          + existing.aggregate()
                          + " elsewhere");
                }
              },
              members);
      if (members.isPresent() && entity != EntityKind.ACCOUNT) {
        throw new IllegalArgumentException(
            "entity: a model that rolls up members scores accounts, not " + entity.displayName());
      }
      if (rollup.isPresent() && members.isEmpty()) {
        throw new IllegalArgumentException(
            "rollup: a rollup needs members: call memberModel(userModel) first");
      }
      if (members.isPresent()) {
        String name = rollup.orElse(Rollup.sum()).category();
        for (Category c : categories) {
          if (c.name().equals(name)) {
            throw new IllegalArgumentException(
                "category: '"
                    + name
                    + "' is the rollup's category; name the rollup or the category otherwise");
          }
        }
      }
      for (Signal s : declared.values()) {
        checkSignal(typing, s);
      }
      Map<String, String> ruleIds = new LinkedHashMap<>();
      for (Category c : categories) {
        for (Rule r : c.rules()) {
          String where = "rule '" + r.id() + "' in category '" + c.name() + "'";
          String other = ruleIds.putIfAbsent(r.id(), c.name());
          if (other != null) {
            throw new IllegalArgumentException(
                where + ": id '" + r.id() + "' is already used in category '" + other + "'");
          }
          typing.checkCondition(r.condition(), Typing.Scope.RULE, where);
          collectWindows(r.condition(), windows, where);
          if (r.decay().isPresent()) {
            checkDecay(r, where);
          }
        }
      }
      for (int i = 0; i < exclusions.size(); i++) {
        Exclusion x = exclusions.get(i);
        String where = "exclusion " + (i + 1) + " (\"" + x.reason() + "\")";
        typing.checkCondition(x.condition(), Typing.Scope.EXCLUSION, where);
        collectWindows(x.condition(), windows, where);
      }
      for (Tier t : tiers) {
        String where = "tier '" + t.name() + "'";
        typing.checkCondition(t.condition(), Typing.Scope.TIER, where);
        collectWindows(t.condition(), windows, where);
      }
      if (grid.isPresent()) {
        java.util.Set<String> names = categoryNames();
        members.ifPresent(m -> names.add(rollup.orElse(Rollup.sum()).category()));
        for (Grid.Axis a : List.of(grid.get().rows(), grid.get().columns())) {
          if (!names.contains(a.category())) {
            throw new IllegalArgumentException(
                "grid '"
                    + grid.get().name()
                    + "': unknown category '"
                    + a.category()
                    + "'; the model's categories are "
                    + names);
          }
        }
      }
      if (activation.isPresent()) {
        checkActivation(activation.get(), ruleIds.keySet());
      }
      List<Expr> handoffConditions = new ArrayList<>();
      if (handoff.isPresent()) {
        checkHandoff(handoff.get(), typing, windows, handoffConditions);
      }
      return new Model(
          this, List.copyOf(signals.values()), inputs(signals, windows, handoffConditions));
    }

    private static void checkActivation(Activation a, java.util.Set<String> ruleIds) {
      if (a.kind() == Activation.Kind.RULE && !ruleIds.contains(a.name())) {
        throw new IllegalArgumentException(
            "activation: unknown rule '" + a.name() + "'; the model's rules are " + ruleIds);
      }
      if (a.kind() == Activation.Kind.EVENT && ruleIds.contains(a.name())) {
        throw new IllegalArgumentException(
            "activation: event '"
                + a.name()
                + "' is also a rule id of the model, so readers could not tell them apart; declare"
                + " Activation.rule(\""
                + a.name()
                + "\") if the rule is meant");
      }
    }

    /** The categories' names, in model order. */
    private java.util.Set<String> categoryNames() {
      java.util.Set<String> names = new java.util.LinkedHashSet<>();
      for (Category c : categories) {
        names.add(c.name());
      }
      return names;
    }

    private void checkHandoff(
        Handoff h, Typing typing, List<Window> windows, List<Expr> conditions) {
      java.util.function.BiConsumer<Expr, String> check =
          (e, where) -> {
            typing.checkCondition(e, Typing.Scope.HANDOFF, where);
            collectWindows(e, windows, where);
            conditions.add(e);
          };
      for (Handoff.Segment s : h.segments()) {
        check.accept(s.condition(), "segment '" + s.name() + "'");
      }
      for (Handoff.Route r : h.routes()) {
        tierExists(r.tier(), "route to '" + r.queue() + "'");
        for (String cell : r.cells()) {
          if (grid.isEmpty()) {
            throw new IllegalArgumentException(
                "route to '"
                    + r.queue()
                    + "': names cell '"
                    + cell
                    + "', but the model has no grid");
          }
          if (!grid.get().cells().contains(cell)) {
            throw new IllegalArgumentException(
                "route to '"
                    + r.queue()
                    + "': unknown cell '"
                    + cell
                    + "'; grid '"
                    + grid.get().name()
                    + "' has "
                    + grid.get().cells());
          }
        }
      }
      for (Handoff.Trigger t : h.triggers()) {
        check.accept(t.condition(), "trigger '" + t.name() + "'");
      }
      for (Handoff.Hold x : h.holds()) {
        tierExists(x.tier(), "hold");
        check.accept(x.condition(), "hold of tier '" + x.tier() + "'");
      }
      for (Handoff.Suppression x : h.suppressions()) {
        check.accept(x.condition(), "suppression \"" + x.reason() + "\"");
      }
      for (Handoff.ContextItem c : h.context()) {
        String where = "context '" + c.name() + "'";
        typing.type(c.value(), Typing.Scope.HANDOFF, where);
        collectWindows(c.value(), windows, where);
        conditions.add(c.value());
      }
      java.util.Set<String> known = new java.util.HashSet<>();
      categories.forEach(c -> c.rules().forEach(r -> known.add(r.id())));
      h.context().forEach(c -> known.add(c.name()));
      for (Handoff.Template t : h.templates()) {
        for (String p : t.placeholders()) {
          if (!known.contains(p)) {
            throw new IllegalArgumentException(
                "template '"
                    + t.name()
                    + "': {"
                    + p
                    + "} is neither a rule id nor a context value");
          }
        }
      }
    }

    private void tierExists(String tier, String where) {
      if (tiers.stream().noneMatch(t -> t.name().equals(tier))) {
        throw new IllegalArgumentException(
            where
                + ": unknown tier '"
                + tier
                + "'; the model's tiers are "
                + tiers.stream().map(Tier::name).toList());
      }
    }

    private void checkSignal(Typing typing, Signal s) {
      for (EventFilter f : s.aggregate().filters()) {
        f.where()
            .ifPresent(
                w -> typing.checkCondition(w, Typing.Scope.FILTER, "signal '" + s.name() + "'"));
      }
    }

    private void checkDecay(Rule r, String where) {
      Decay d = r.decay().get();
      boolean[] readsEvents = {false};
      r.condition()
          .walk(
              x -> readsEvents[0] |= x instanceof Expr.Agg a && a.signal().aggregate().windowed());
      if (!readsEvents[0]) {
        throw new IllegalArgumentException(
            where
                + ": "
                + d
                + " needs a condition that reads events (growth_weeks and trend aside), to take"
                + " the age of the newest; '"
                + r.condition()
                + "' reads none");
      }
      if (!d.length().fits(resolution)) {
        throw new IllegalArgumentException(
            where + ": " + d + " is not a whole number of " + resolution + " buckets");
      }
    }

    private void collectWindows(Expr e, List<Window> windows, String where) {
      e.walk(
          x -> {
            Optional<Window> window =
                x instanceof Expr.Agg a
                    ? a.window()
                    : x instanceof Expr.Members m ? m.window() : Optional.empty();
            if (window.isPresent()) {
              Window w = window.get();
              if (!w.fits(resolution)) {
                throw new IllegalArgumentException(
                    where
                        + ": window "
                        + w
                        + " of '"
                        + x
                        + "' is not a whole number of "
                        + resolution
                        + " buckets");
              }
              if (!windows.contains(w)) {
                windows.add(w);
              }
            }
          });
    }

    /**
     * Adds the event and properties {@code f} reads to {@code events} and {@code properties}; true
     * when it reads any event.
     */
    private static boolean reads(
        EventFilter f, TreeSet<String> events, TreeSet<String> properties) {
      f.event().ifPresent(events::add);
      f.where()
          .ifPresent(
              w ->
                  w.walk(
                      x -> {
                        if (x instanceof Expr.PropRef p) {
                          properties.add(p.name());
                        }
                      }));
      return f.event().isEmpty();
    }

    private ModelInputs inputs(
        Map<String, Signal> signals, List<Window> windows, List<Expr> handoffConditions) {
      TreeSet<String> events = new TreeSet<>();
      TreeSet<String> properties = new TreeSet<>();
      TreeSet<String> traitNames = new TreeSet<>();
      boolean any = false;
      for (Signal s : signals.values()) {
        Aggregate a = s.aggregate();
        a.property().ifPresent(properties::add);
        for (EventFilter f : a.filters()) {
          any |= reads(f, events, properties);
        }
      }
      List<Expr> conditions = new ArrayList<>();
      categories.forEach(c -> c.rules().forEach(r -> conditions.add(r.condition())));
      exclusions.forEach(x -> conditions.add(x.condition()));
      tiers.forEach(t -> conditions.add(t.condition()));
      conditions.addAll(handoffConditions);
      boolean allHistory = false;
      int days = 1;
      for (Expr c : conditions) {
        List<Expr> nodes = new ArrayList<>();
        c.walk(nodes::add);
        for (Expr x : nodes) {
          if (x instanceof Expr.TraitRef t) {
            traitNames.add(t.name());
          } else if (x instanceof Expr.Members m) {
            MemberAggregate agg = m.aggregate();
            if (agg.events().isPresent()) {
              any |= reads(agg.events().get(), events, properties);
            }
            if (agg instanceof MemberAggregate.ActiveGrowth) {
              days = Math.max(days, 14);
            } else if (agg instanceof MemberAggregate.New
                || (agg.events().isPresent() && m.window().isEmpty())) {
              allHistory = true;
            } else if (m.window().isPresent()) {
              int hours = m.window().get().lengthHours();
              int spanned = resolution == Resolution.DAY ? hours / 24 : (hours + 23) / 24 + 1;
              days = Math.max(days, spanned);
            }
          } else if (x instanceof Expr.Agg a) {
            Aggregate agg = a.signal().aggregate();
            if (agg instanceof Aggregate.Trend t) {
              days = Math.max(days, 7 * t.weeks());
            } else if (agg instanceof Aggregate.GrowthWeeks || a.window().isEmpty()) {
              allHistory = true;
            } else {
              int hours = a.window().get().lengthHours();
              // Hourly windows count elapsed hours back from T's hour, so they can touch one
              // calendar day more than their length.
              int spanned = resolution == Resolution.DAY ? hours / 24 : (hours + 23) / 24 + 1;
              days = Math.max(days, spanned);
            }
          }
        }
      }
      windows.sort(null);
      return new ModelInputs(
          events,
          any,
          properties,
          traitNames,
          windows,
          allHistory ? OptionalInt.empty() : OptionalInt.of(days));
    }
  }
}
