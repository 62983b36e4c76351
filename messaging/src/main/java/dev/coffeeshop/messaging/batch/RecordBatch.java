package dev.coffeeshop.messaging.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The records of one poll, as the Kafka binder hands them to a binding in batch mode: one message whose payload is the
 * list of record values and whose headers hold, for each record, its converted headers, topic, partition, offset and
 * key. {@link #split} turns it back into one message per record, so a record is read the same way in either mode.
 */
public final class RecordBatch {

    private RecordBatch() {}

    /** One message per record, in the order of the poll, each with that record's own headers. */
    public static List<Message<?>> split(Message<?> batch) {
        if (!(batch.getPayload() instanceof List<?> values)) {
            // a binding not in batch mode: the message is the record
            return List.of(batch);
        }
        var headers = batch.getHeaders();
        List<?> converted = list(headers.get(KafkaHeaders.BATCH_CONVERTED_HEADERS));
        List<?> topics = list(headers.get(KafkaHeaders.RECEIVED_TOPIC));
        List<?> partitions = list(headers.get(KafkaHeaders.RECEIVED_PARTITION));
        List<?> offsets = list(headers.get(KafkaHeaders.OFFSET));
        List<?> keys = list(headers.get(KafkaHeaders.RECEIVED_KEY));
        var records = new ArrayList<Message<?>>(values.size());
        for (int i = 0; i < values.size(); i++) {
            var record = MessageBuilder.withPayload(values.get(i));
            if (i < converted.size() && converted.get(i) instanceof Map<?, ?> own) {
                own.forEach((name, value) -> record.setHeader(String.valueOf(name), value));
            }
            setIfPresent(record, KafkaHeaders.RECEIVED_TOPIC, topics, i);
            setIfPresent(record, KafkaHeaders.RECEIVED_PARTITION, partitions, i);
            setIfPresent(record, KafkaHeaders.OFFSET, offsets, i);
            setIfPresent(record, KafkaHeaders.RECEIVED_KEY, keys, i);
            records.add(record.build());
        }
        return records;
    }

    private static List<?> list(Object header) {
        return header instanceof List<?> list ? list : List.of();
    }

    private static void setIfPresent(MessageBuilder<?> record, String name, List<?> values, int index) {
        if (index < values.size() && values.get(index) != null) {
            record.setHeader(name, values.get(index));
        }
    }
}
