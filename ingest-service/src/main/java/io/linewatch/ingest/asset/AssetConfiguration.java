package io.linewatch.ingest.asset;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The catalog refresh runs on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AssetConfiguration {}
