package io.linewatch.monitor.live;

import io.linewatch.monitor.model.ModelBundle;

/** The model version that scores a machine now, with what events and health report about it. */
record ServingModel(String key, ModelBundle bundle, String modelName, int version) {}
