/**
 * Launch features shared in-process by the feature-service and the forecast-service: a reader of curated
 * canonical datasets ({@code products/}, {@code sales/}, {@code signals/} Parquet plus {@code _manifest.json})
 * and point-in-time feature computation for a product as of its launch date. No Spring here, so that any
 * service (or a batch command) can compute exactly the same features for a brand-new product.
 */
package io.launchcast.features;
