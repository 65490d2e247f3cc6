/**
 * Evaluation on public benchmarks with the product's own trainer and scorer: the SKAB protocol
 * (per file: train on the first 400 rows, score the rest; F1, FAR, MAR micro-averaged) and the NAB
 * protocol (online, probation period, standard-profile scoring from windows.json).
 */
package io.linewatch.monitor.evaluation;
