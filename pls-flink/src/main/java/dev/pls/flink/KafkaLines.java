package dev.pls.flink;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/*
 * Each record's value is one line of JSON Lines, flat or Segment, read by the same LineParser as a
 * file's lines, so a record is accepted, typed or rejected exactly as pls score would that line.
 * A partition stands for a file: its records are placed at "file" partition, "line" offset + 1
 * (trait files read beside a topic come after, from PlsStream.KAFKA_TRAITS), and its rejects are named TOPIC-PARTITION, Kafka's own name for it. A user's records
 * are ordered by (file, line), so within a partition in offset order, as a file in line order.
 * Segment messageIds are deduplicated by Dedupe, keyed, not here (see LineParser.at).
 */
/** Reads a Kafka topic's records, each a JSON Lines event record, into {@link Input}s. */
final class KafkaLines implements KafkaRecordDeserializationSchema<Input> {
  private static final long serialVersionUID = 1L;

  private final ModelSource model;
  private transient Map<String, LineParser> parsers;

  /**
   * @param model the model whose types values are checked against
   */
  KafkaLines(ModelSource model) {
    this.model = requireNonNull(model, "model");
  }

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    parsers = new HashMap<>();
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Input> out)
      throws IOException {
    if (record.value() == null) {
      return; // a tombstone holds no record, as a blank line
    }
    if (record.partition() >= PlsStream.KAFKA_TRAITS) {
      throw new IOException(
          "partition "
              + record.partition()
              + " of "
              + record.topic()
              + ": pls-flink reads partitions below "
              + PlsStream.KAFKA_TRAITS);
    }
    if (parsers == null) {
      parsers = new HashMap<>();
    }
    String name = record.topic() + "-" + record.partition();
    LineParser parser =
        parsers.computeIfAbsent(
            name, n -> new LineParser(model.model(), n, record.partition(), false));
    String text = new String(record.value(), StandardCharsets.UTF_8);
    for (Input in : parser.at(record.offset() + 1, text)) {
      out.collect(in);
    }
  }

  @Override
  public TypeInformation<Input> getProducedType() {
    return TypeInformation.of(Input.class);
  }
}
