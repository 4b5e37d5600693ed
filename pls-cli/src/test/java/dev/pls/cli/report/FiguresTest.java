package dev.pls.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.backtest.EntityResult;
import dev.pls.core.model.Points;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FiguresTest {

  private static EntityResult scored(String id, long hundredths, boolean converted) {
    return new EntityResult(
        id,
        Instant.EPOCH,
        1,
        Map.of(),
        "none",
        Optional.of(new Points(hundredths)),
        converted ? Optional.of(Instant.EPOCH.plusSeconds(60)) : Optional.empty(),
        false,
        List.of());
  }

  @Test
  void bands_distinctScores_areDecilesByRank() {
    List<EntityResult> es = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      es.add(scored("e" + i, i * 100L, i % 10 == 9));
    }
    List<Figures.Band> bands = Figures.bands(es);
    assertEquals(10, bands.size());
    for (Figures.Band b : bands) {
      assertEquals(10, b.rate().of());
      assertEquals(1, b.rate().count());
    }
    assertEquals(new Points(0), bands.get(0).low());
    assertEquals(new Points(900), bands.get(0).high());
  }

  @Test
  void bands_ties_shareABand() {
    List<EntityResult> es = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      es.add(scored("a" + i, 1000, false)); // half the entities tie
    }
    for (int i = 0; i < 50; i++) {
      es.add(scored("b" + i, 2000L + i, i < 25));
    }
    List<Figures.Band> bands = Figures.bands(es);
    assertEquals(new Points(1000), bands.get(0).high());
    assertEquals(50, bands.get(0).rate().of());
    assertTrue(bands.size() <= Figures.BANDS);
    assertEquals(100, bands.stream().mapToLong(b -> b.rate().of()).sum());
    for (int i = 1; i < bands.size(); i++) {
      assertTrue(bands.get(i - 1).high().compareTo(bands.get(i).low()) < 0, "bands overlap");
    }
  }

  @Test
  void bands_priorAndUnscored_areLeftOut() {
    EntityResult prior =
        new EntityResult(
            "p",
            Instant.EPOCH,
            1,
            Map.of(),
            "none",
            Optional.of(new Points(5)),
            Optional.of(Instant.EPOCH),
            true,
            List.of());
    EntityResult unscored =
        new EntityResult(
            "u",
            Instant.EPOCH,
            1,
            Map.of(),
            "none",
            Optional.empty(),
            Optional.empty(),
            false,
            List.of());
    List<Figures.Band> bands = Figures.bands(List.of(prior, unscored, scored("s", 7, true)));
    assertEquals(1, bands.size());
    assertEquals(1, bands.get(0).rate().of());
    assertEquals(1.0, bands.get(0).rate().value());
  }

  @Test
  void histogram_roundWidths_coverEveryScore() {
    List<EntityResult> es = new ArrayList<>();
    for (int i = 0; i <= 95; i++) {
      es.add(scored("e" + i, i * 100L + 3, i % 2 == 0));
    }
    List<Figures.Bin> bins = Figures.histogram(es, true);
    assertEquals(20, bins.size());
    assertEquals(new Points(0), bins.get(0).from());
    assertEquals(new Points(500), bins.get(0).to());
    assertEquals(96, bins.stream().mapToLong(b -> b.converted() + b.other()).sum());
    assertEquals(48, bins.stream().mapToLong(Figures.Bin::converted).sum());
  }

  @Test
  void histogram_negativeAndSingleScores() {
    assertEquals(1, Figures.histogram(List.of(scored("a", -250, false)), false).size());
    List<Figures.Bin> bins =
        Figures.histogram(List.of(scored("a", -250, false), scored("b", 250, false)), false);
    assertTrue(bins.get(0).from().hundredths() <= -250);
    assertTrue(bins.get(bins.size() - 1).to().hundredths() > 250);
  }

  @Test
  void niceTop_roundsUpToFourRoundSteps() {
    assertEquals(4, Svg.niceTop(0, true));
    assertEquals(4, Svg.niceTop(3, true));
    assertEquals(8, Svg.niceTop(7, true));
    assertEquals(20, Svg.niceTop(17, true));
    assertEquals(0.2, Svg.niceTop(0.17, false), 1e-12);
  }
}
