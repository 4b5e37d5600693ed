package dev.pls.flink;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An alert as a Kafka record: its JSON line (as {@code pls route} writes it, without the line
 * terminator) as the value, its id ({@code Alert.id()}: step, queue, entity) as the key, so that a
 * compacted topic or a consumer keyed by id keeps one record per alert.
 */
final class AlertRecords implements KafkaRecordSerializationSchema<Output> {
  private static final long serialVersionUID = 1L;

  private final String topic;

  AlertRecords(String topic) {
    this.topic = requireNonNull(topic, "topic");
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      Output o, KafkaSinkContext context, Long timestamp) {
    if (o.kind != Output.ALERT) {
      throw new IllegalArgumentException(
          "kafkaAlertSink: takes alerts only, was an output of kind "
              + o.kind
              + "; feed it alerts()");
    }
    return new ProducerRecord<>(
        topic,
        null,
        o.step,
        id(o).getBytes(StandardCharsets.UTF_8),
        o.text.getBytes(StandardCharsets.UTF_8));
  }

  /** The alert's id, {@code Alert.id()}: {@code 2026-11-20T09:00:00Z/named_ae/ana@bigcorp.com}. */
  static String id(Output alert) {
    return Instant.ofEpochMilli(alert.step) + "/" + alert.queue + "/" + alert.user;
  }
}
