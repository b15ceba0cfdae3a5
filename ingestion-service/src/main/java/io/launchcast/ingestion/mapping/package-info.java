/**
 * Declarative, versioned YAML mappings from a customer's source columns to the canonical tables (products,
 * sales, signals). Wide inputs (one column per period since launch, or one column per term) and long inputs
 * (one row per product and day, aggregated to the declared period) are both expressed here, never in code.
 */
package io.launchcast.ingestion.mapping;
