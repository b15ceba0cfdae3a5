package io.launchcast.forecast.registry;

/** Approval states of a model version, spelled as SageMaker Model Registry spells them. */
public enum ApprovalStatus {
    PendingManualApproval, Approved, Rejected
}
