/** RFC 9457 problem details: the one error format of every LineWatch endpoint. */
package io.linewatch.common.web;
