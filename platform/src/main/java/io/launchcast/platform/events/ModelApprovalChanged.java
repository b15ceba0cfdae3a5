package io.launchcast.platform.events;

import java.time.Instant;

/**
 * A model version was approved or rejected; serving swaps to the new champion on approval.
 *
 * @param status {@code Approved} or {@code Rejected}, as SageMaker Model Registry names them
 * @param reason why, in the approver's words
 */
public record ModelApprovalChanged(String eventId, Instant occurredAt, String modelGroup, String modelVersion,
        String status, String reason) implements LaunchcastEvent {
}
