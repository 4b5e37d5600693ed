package dev.pls.core.scoring;

import static java.util.Objects.requireNonNull;

import dev.pls.core.card.BatchScores;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.input.FeatureTable;
import dev.pls.core.internal.Evaluator;
import dev.pls.core.internal.fast.ColumnarStore;
import dev.pls.core.internal.fast.TableBinding;
import dev.pls.core.internal.fast.TableScorer;
import dev.pls.core.model.Model;
import dev.pls.core.model.Value;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/*
 * The public scoring interfaces over the internal engines.
 *
 * The engines (dev.pls.core.internal.reference, dev.pls.core.internal.fast) know the model, the
 * inputs and the cards, and nothing of this package: it is this package that creates them, so if
 * they implemented its interfaces the two would import each other. Each adapter here is a final
 * class that forwards every call; the JIT inlines the forwarding, so it costs nothing measurable.
 */
final class Engines {
  private Engines() {}

  /** A {@link Scorer} over an evaluator. */
  static final class EvaluatorScorer implements Scorer {
    private final Evaluator engine;

    EvaluatorScorer(Evaluator engine) {
      this.engine = requireNonNull(engine, "engine");
    }

    @Override
    public Model model() {
      return engine.model();
    }

    @Override
    public ScoreCard score(Entity entity, Instant asOf) {
      return engine.score(entity, asOf);
    }
  }

  /** A {@link FeatureScorer} over the table engine. */
  static final class TableFeatureScorer implements FeatureScorer {
    private final TableScorer engine;

    TableFeatureScorer(TableScorer engine) {
      this.engine = requireNonNull(engine, "engine");
    }

    @Override
    public Model model() {
      return engine.model();
    }

    @Override
    public BatchScores score(FeatureTable table, Instant asOf) {
      return engine.score(table, asOf);
    }

    @Override
    public java.util.List<FeatureTable.ColumnKey> columns() {
      return engine.columns();
    }

    @Override
    public FeatureBinding bind(FeatureTable table) {
      return new Binding(engine.model(), engine.bind(table));
    }
  }

  /** A {@link FeatureBinding} over the table engine's binding. */
  static final class Binding implements FeatureBinding {
    private final Model model;
    private final TableBinding engine;
    private final java.util.List<String> tiers;

    Binding(Model model, TableBinding engine) {
      this.model = model;
      this.engine = requireNonNull(engine, "engine");
      this.tiers = engine.tierNames();
    }

    @Override
    public Model model() {
      return model;
    }

    @Override
    public int size() {
      return engine.size();
    }

    @Override
    public int firedStride() {
      return engine.firedStride();
    }

    @Override
    public java.util.List<String> tierNames() {
      return tiers;
    }

    @Override
    public void score(int from, int to, long[] scores, int[] tiers, long[] fired) {
      engine.score(from, to, scores, tiers, fired);
    }

    @Override
    public void score(
        long[] scores,
        int[] tiers,
        long[] fired,
        java.util.concurrent.Executor executor,
        int tasks) {
      engine.score(scores, tiers, fired, executor, tasks);
    }
  }

  /** An {@link EntityStore} over the columnar store engine. */
  static final class Store implements EntityStore {
    private final ColumnarStore engine;

    Store(ColumnarStore engine) {
      this.engine = requireNonNull(engine, "engine");
    }

    // The columnar ingest call.

    @Override
    public int index(String id) {
      return engine.index(id);
    }

    @Override
    public int eventCode(String name) {
      return engine.eventCode(name);
    }

    @Override
    public java.util.List<String> properties() {
      return engine.properties();
    }

    @Override
    public int ingest(dev.pls.core.input.EventColumns batch) {
      return engine.ingest(batch);
    }

    @Override
    public Model model() {
      return engine.model();
    }

    @Override
    public boolean ingest(Event event) {
      return engine.ingest(event);
    }

    @Override
    public int ingest(Collection<Event> events) {
      return engine.ingest(events);
    }

    @Override
    public void traits(String entity, Map<String, Value> traits) {
      engine.traits(entity, traits);
    }

    @Override
    public void userTraits(String user, Map<String, Value> traits) {
      engine.userTraits(user, traits);
    }

    @Override
    public int size() {
      return engine.size();
    }

    @Override
    public Optional<Instant> watermark() {
      return engine.watermark();
    }

    @Override
    public Optional<Instant> earliestAsOf() {
      return engine.earliestAsOf();
    }

    @Override
    public void snapshot(java.io.OutputStream out) throws java.io.IOException {
      engine.snapshot(out);
    }

    @Override
    public Stats stats() {
      ColumnarStore.Totals c = engine.totals();
      return new Stats(
          c.accepted(), c.kept(), c.beyondSpan(), c.ignored(), c.rejected(), c.future());
    }

    @Override
    public ScoreCard score(String entity, Instant asOf) {
      return engine.score(entity, asOf);
    }

    @Override
    public BatchScores scoreAll(Instant asOf) {
      return engine.scoreAll(asOf);
    }

    @Override
    public BatchScores scoreTouched(Instant asOf) {
      return engine.scoreTouched(asOf);
    }

    @Override
    public dev.pls.core.input.IdentityGraph.Outcome link(String id, String userId) {
      return engine.link(id, userId);
    }

    @Override
    public java.util.List<String> ids(String id) {
      return engine.ids(id);
    }

    @Override
    public dev.pls.core.input.IdentityGraph.Stats identityStats() {
      return engine.identityStats();
    }

    @Override
    public int indexes() {
      return engine.indexes();
    }

    @Override
    public String id(int index) {
      return engine.idAt(index);
    }

    @Override
    public int firedStride() {
      return engine.firedStride();
    }

    @Override
    public java.util.List<String> tierNames() {
      return engine.tierNames();
    }

    @Override
    public int scoreAll(Instant asOf, long[] scores, int[] tiers, long[] fired) {
      return engine.scoreInto(asOf, scores, tiers, fired, null, 1);
    }

    @Override
    public int scoreAll(
        Instant asOf,
        long[] scores,
        int[] tiers,
        long[] fired,
        java.util.concurrent.Executor executor,
        int tasks) {
      return engine.scoreInto(
          asOf, scores, tiers, fired, requireNonNull(executor, "executor"), tasks);
    }
  }
}
