/**
 * MQTT ingestion: subscribes (QoS 1) to gateway topics on the plant broker, runs each message
 * through the same validation and Kafka path as HTTP, acknowledges the MQTT message only after
 * Kafka acknowledged its samples, and publishes rejections to a reply topic.
 */
package io.linewatch.ingest.mqtt;
