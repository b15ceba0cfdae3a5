/** Starting retraining runs when an alarm's policy says so. */
package io.launchcast.monitor.retraining;
