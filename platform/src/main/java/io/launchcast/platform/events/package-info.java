/**
 * Events the services exchange, and the port to publish and receive them. Delivery is at least once: every
 * handler must be idempotent (replaying an event changes nothing), which each handler's tests show.
 */
package io.launchcast.platform.events;
