#!/usr/bin/env bash
# kafka-run-class.sh CLASS [ARGS]: runs one of Kafka's main classes with the image's jars and logging.
exec java ${KAFKA_HEAP_OPTS:--Xmx256m} ${KAFKA_OPTS:-} -Djava.awt.headless=true \
  -Dlog4j2.configurationFile=/opt/kafka/config/log4j2.properties \
  -cp '/opt/kafka/libs/*' "$@"
