/**
 * Contracts shared by every Launchcast service: the object-store and event ports with their adapters, the event
 * records, the canonical schemas and the RFC 9457 problem handling. No business logic lives here.
 */
package io.launchcast.platform;
