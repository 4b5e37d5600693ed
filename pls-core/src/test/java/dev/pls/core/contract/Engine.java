package dev.pls.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.Entity;
import dev.pls.core.input.FeatureTable;
import dev.pls.core.model.Model;
import dev.pls.core.model.ModelInputs;
import dev.pls.core.model.Trait;
import dev.pls.core.model.Value;
import dev.pls.core.scoring.EntityStore;
import dev.pls.core.scoring.FeatureScorer;
import dev.pls.core.scoring.Scorer;
import dev.pls.core.testing.Stores;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

/*
 * Every way pls turns a model, an entity and an as-of instant into a card, each seen through the
 * one interface the contract suites call: Scorer.score(entity, asOf). The suites are written once
 * against that interface and run once per constant here (JUnit cases through @EveryEngine, jqwik
 * properties through @ForAll Engine), so a new engine gets every hand-computed case and every
 * property by adding one constant.
 *
 * The store and the feature table do not score an Entity themselves; their adapters feed them
 * one, the way a host would. Where an engine cannot take a case at all (the store holds no
 * members; a table row here holds traits only), the
 * adapter aborts the case with a JUnit assumption that says why, so it is reported as skipped,
 * never passed. A jqwik try so aborted is discarded.
 */
/** The engines the contract suites run on; each scores an entity as of an instant. */
public enum Engine {
  /** {@link Scorer#reference}: the semantics as plainly as possible. */
  REFERENCE(Scorer::reference),
  /** {@link Scorer#fast}: the planned evaluator. */
  FAST(Scorer::fast),
  /** {@link EntityStore}: a fresh store per card, fed the entity's traits and events. */
  STORE(StoreScorer::new),
  /** {@link FeatureScorer}: a one-row {@link FeatureTable} of the entity's traits. */
  FEATURE_TABLE(TableRowScorer::new);

  private final Function<Model, Scorer> scorers;

  Engine(Function<Model, Scorer> scorers) {
    this.scorers = scorers;
  }

  /**
   * A scorer for {@code model} on this engine. Making it aborts the running test (a JUnit
   * assumption) when this engine cannot score the model; its {@code score} does when the engine
   * cannot score that entity as of that instant.
   */
  public Scorer scorer(Model model) {
    return scorers.apply(model);
  }

  /**
   * The store as a host uses it: traits set and events ingested into a new store whose clock reads
   * the as-of instant, then the entity scored. Events after it are held apart by the store, which
   * must then ignore them as the reference does. A store refuses an account model that rolls up
   * members, so such cases do not apply to it.
   */
  private record StoreScorer(Model model) implements Scorer {
    StoreScorer {
      assumeTrue(model.memberModel().isEmpty(), "the store does not roll up members");
    }

    @Override
    public ScoreCard score(Entity entity, Instant asOf) {
      EntityStore store = Stores.anyDate(model, Clock.fixed(asOf, ZoneOffset.UTC));
      store.traits(entity.id(), entity.traits());
      // A rejected event would make a case that expects it not to count pass for a wrong reason.
      assertEquals(entity.events().size(), store.ingest(entity.events()), "events accepted");
      return store.score(entity.id(), asOf);
    }
  }

  /**
   * The feature scorer given the row a warehouse would hold for the entity. Only a model whose
   * conditions read traits and the score can be fed from the entity alone (a column of aggregate
   * values would have to be computed by another engine), so models that read events do not apply.
   */
  private static final class TableRowScorer implements Scorer {
    private final Model model;
    private final FeatureScorer table;

    TableRowScorer(Model model) {
      ModelInputs inputs = model.inputs();
      assumeTrue(
          model.memberModel().isEmpty() && inputs.events().isEmpty() && !inputs.readsAnyEvent(),
          "a feature table row holds only the entity's traits here, and this model reads events");
      this.model = model;
      this.table = FeatureScorer.of(model);
    }

    @Override
    public Model model() {
      return model;
    }

    @Override
    public ScoreCard score(Entity entity, Instant asOf) {
      FeatureTable.Builder row = FeatureTable.builder(List.of(entity.id()));
      for (Trait t : model.traits()) {
        row.column(t.name(), new Value[] {entity.traits().get(t.name())});
      }
      return table.score(row.build(), asOf).card(0);
    }
  }
}
