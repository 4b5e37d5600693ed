package dev.pls.flink;

import static java.util.Objects.requireNonNull;

import dev.pls.core.model.Model;
import dev.pls.dsl.Compilation;
import dev.pls.dsl.RulesLanguage;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A rule file's text and which of its models to score: what a job ships to its operators, each of
 * which compiles it once when it opens (a {@link Model} is not serializable; its source is, and
 * compiles to the same model everywhere).
 *
 * @param fileName the file's name, for diagnostics
 * @param source the rule file's text
 * @param modelName the model's id, or null for the file's last model (as {@code pls score})
 */
public record ModelSource(String fileName, String source, String modelName)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public ModelSource {
    requireNonNull(fileName, "fileName");
    requireNonNull(source, "source");
  }

  /** The rule file at {@code path}, its last model. */
  public static ModelSource read(Path path) throws IOException {
    return new ModelSource(
        path.toString(),
        Files.readString(requireNonNull(path, "path"), StandardCharsets.UTF_8),
        null);
  }

  /** This file, its model {@code name}. */
  public ModelSource named(String name) {
    return new ModelSource(fileName, source, requireNonNull(name, "name"));
  }

  /** The compilation, with its diagnostics. */
  public Compilation compilation() {
    return RulesLanguage.compile(fileName, source);
  }

  /**
   * The model: a user model, or an account model (with or without member rollups).
   *
   * @throws IllegalArgumentException if the file does not compile (with its rendered diagnostics),
   *     or names no such model
   */
  public Model model() {
    Compilation c = compilation();
    if (!c.succeeded()) {
      throw new IllegalArgumentException(
          "model: " + fileName + " does not compile:\n" + c.render().stripTrailing());
    }
    Optional<Model> chosen =
        modelName == null
            ? c.model()
            : c.models().stream().filter(m -> m.id().equals(modelName)).findFirst();
    if (chosen.isEmpty()) {
      List<String> ids = c.models().stream().map(Model::id).toList();
      throw new IllegalArgumentException(
          "model: " + fileName + " has no model '" + modelName + "'; its models are " + ids);
    }
    Model m = chosen.get();
    return m;
  }
}
