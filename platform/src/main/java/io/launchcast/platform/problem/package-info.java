/**
 * RFC 9457 problem details for every service: stable problem types, field-by-field validation errors and a
 * catch-all that answers 500 without leaking internals.
 */
package io.launchcast.platform.problem;
