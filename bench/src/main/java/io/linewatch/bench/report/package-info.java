/** Result files (one {@code .properties} per command) and the Markdown table built from them. */
package io.linewatch.bench.report;
