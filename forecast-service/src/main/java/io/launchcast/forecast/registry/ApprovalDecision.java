package io.launchcast.forecast.registry;

import java.time.Instant;

/** One change of a version's approval status, kept as history. */
public record ApprovalDecision(ApprovalStatus status, String reason, String decidedBy, Instant decidedAt) {
}
