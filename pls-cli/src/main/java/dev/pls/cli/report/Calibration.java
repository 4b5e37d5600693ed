package dev.pls.cli.report;

import dev.pls.cli.fit.WeightSuggestions;
import dev.pls.core.backtest.EntityResult;
import dev.pls.core.backtest.Rate;
import dev.pls.core.model.Points;
import java.util.ArrayList;
import java.util.List;

/*
 * The report's score bands (Figures.bands: deciles by rank of the highest score before the
 * outcome) with, beside each band's observed rate, the Platt-calibrated probability averaged over
 * the band's entities: the two agree when the calibration fits. `pls suggest` prints the same rows.
 */
/** Score bands with their observed conversion rate and their Platt-calibrated probability. */
public final class Calibration {
  private Calibration() {}

  /**
   * One band.
   *
   * @param number from 1, lowest scores first
   * @param low the lowest score in it
   * @param high the highest score in it
   * @param observed converted ÷ entities in it, with its Wilson interval
   * @param predicted the mean calibrated probability of its entities
   */
  public record Band(int number, Points low, Points high, Rate observed, double predicted) {}

  /** The bands of {@code entities}, lowest first; empty when no entity has a score. */
  public static List<Band> bands(List<EntityResult> entities, WeightSuggestions.Platt platt) {
    List<EntityResult> scored = Figures.scored(entities);
    List<Band> bands = new ArrayList<>();
    int i = 0;
    for (Figures.Band band : Figures.bands(entities)) {
      double sum = 0;
      long count = 0;
      // Bands cover the sorted scores in order, one after another.
      for (;
          i < scored.size()
              && scored.get(i).highestScore().orElseThrow().compareTo(band.high()) <= 0;
          i++) {
        sum += platt.probability(scored.get(i).highestScore().orElseThrow().hundredths() / 100.0);
        count++;
      }
      bands.add(new Band(band.number(), band.low(), band.high(), band.rate(), sum / count));
    }
    return bands;
  }
}
