package io.linewatch.common.config;

import io.linewatch.common.kafka.LineWatchTopics;
import io.linewatch.common.web.ProblemDetailsAdvice;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/** Wires what every service shares: topic names and the problem-detail advice. */
@AutoConfiguration
@EnableConfigurationProperties(LineWatchTopics.class)
@Import(ProblemDetailsAdvice.class)
public class CommonAutoConfiguration {}
