/**
 * The canonical tables every source is mapped to (products, sales, signals) and their schema version. Curated
 * datasets, features and models all speak these names, whatever the customer's source columns were.
 */
package io.launchcast.platform.schema;
