package dev.pls.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PlsStream#kafkaAlertSink} without a broker: each alert's record (the id {@code pls route}
 * gives it as the key, its line as the value), the sink built and wired into a job.
 */
class KafkaAlertSinkTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** An alert output as the scoring stage makes it, from {@code pls route}'s line. */
  private static Output alert(String line) throws Exception {
    JsonNode a = JSON.readTree(line);
    Output o = new Output();
    o.kind = Output.ALERT;
    o.step = Instant.parse(a.get("at").asText()).toEpochMilli();
    o.queue = a.get("queue").asText();
    o.user = a.get("entity").asText();
    o.text = line;
    return o;
  }

  @Test
  void everyAlertOfPlsRoute_isARecordKeyedByItsId_withItsLineAsValue() throws Exception {
    Path model = TestData.sketchWithHandoffIn(tmp, "America/New_York");
    Path events = tmp.resolve("events.jsonl");
    Path traits = tmp.resolve("traits.jsonl");
    TestData.write(
        events, traits, 24, 30, Instant.parse("2026-10-20T00:00:00Z"), 20, Duration.ZERO);
    String alerts =
        TestData.plsRoute(
            model,
            events,
            traits,
            Instant.parse("2026-10-21T12:00:00Z"),
            Instant.parse("2026-11-08T12:00:00Z"),
            "1d",
            tmp.resolve("pls-alerts.jsonl"),
            new StringBuilder());
    assertTrue(alerts.lines().count() > 10, alerts);
    AlertRecords records = new AlertRecords("pls-alerts");
    for (String line : alerts.lines().toList()) {
      ProducerRecord<byte[], byte[]> r = records.serialize(alert(line), null, null);
      assertEquals("pls-alerts", r.topic());
      assertNull(r.partition(), "Kafka's partitioner, by key");
      assertEquals(
          JSON.readTree(line).get("id").asText(), new String(r.key(), StandardCharsets.UTF_8));
      assertEquals(line, new String(r.value(), StandardCharsets.UTF_8));
      assertEquals(
          Instant.parse(JSON.readTree(line).get("at").asText()).toEpochMilli(), r.timestamp());
    }
  }

  @Test
  void theSink_isBuiltAndWiredIntoAJob_withoutABroker() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.enableCheckpointing(1000);
    Output a = new Output();
    a.kind = Output.ALERT;
    a.text = "{}";
    PlsStream.alerts(env.fromData(List.of(a), TypeInformation.of(Output.class)))
        .sinkTo(
            PlsStream.kafkaAlertSink("pls-alerts", "pls-job")
                .setBootstrapServers("localhost:9092")
                .build())
        .name("pls alerts to Kafka");
    assertTrue(env.getExecutionPlan().contains("pls alerts to Kafka"), env.getExecutionPlan());
  }

  @Test
  void wrongArguments_areNamed() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> PlsStream.kafkaAlertSink(" ", "p"))
            .getMessage()
            .startsWith("topic: "));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> PlsStream.kafkaAlertSink("t", ""))
            .getMessage()
            .startsWith("transactionalIdPrefix: "));
    Output card = new Output();
    card.kind = Output.CARD;
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> new AlertRecords("t").serialize(card, null, null))
            .getMessage()
            .contains("takes alerts only"));
  }
}
