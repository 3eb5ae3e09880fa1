package io.trantor.workflows.activity;

/**
 * One version of a pipeline as the activities see it.
 *
 * @param version  1, 2, ... per spec change
 * @param uid      unique per version (names the gateways' Kafka Streams application)
 * @param specJson the Pipeline manifest as JSON
 */
public record PipelineVersion(String namespace, String name, long version, String uid, String specJson) {}
