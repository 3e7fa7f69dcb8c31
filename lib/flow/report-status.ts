// A 外出报告 waits for the branch (pending), which confirms it — opening the outflow episode —
// or sends it back with a reason (returned); the member may take it back before then (withdrawn).
export const OUTFLOW_REPORT_STATUSES = ['pending', 'confirmed', 'returned', 'withdrawn'] as const;
export type OutflowReportStatus = (typeof OUTFLOW_REPORT_STATUSES)[number];

// A 活动证 is valid until handed in (returned) or replaced by its renewal (renewed).
export const CERTIFICATE_STATUSES = ['valid', 'renewed', 'returned'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

// A transfer out (组织关系转出) waits for the receiving side's 回执 (awaiting_receipt); the sending
// branch stays responsible until it is logged (received), or the letter is withdrawn (cancelled).
export const TRANSFER_STATUSES = ['awaiting_receipt', 'received', 'cancelled'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

// 报到 at a host in the deployment waits for its admin (pending), who accepts it — placing the
// member for organisation life — or declines it with a reason. One at a host outside the
// deployment is recorded as it is (outside). Returning home ends an accepted one (ended).
export const REGISTRATION_STATUSES = ['pending', 'accepted', 'declined', 'outside', 'ended'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

// 表现反馈: the host's yearly word on the member, which the home branch reads when it evaluates.
export const FEEDBACK_RATINGS = ['excellent', 'good', 'fair', 'poor'] as const; // 好 较好 一般 差
export type FeedbackRating = (typeof FEEDBACK_RATINGS)[number];

// A 临时党支部 is proposed with its members and 书记, and waits for the 党委 above (pending), which
// approves it — the org is created — or rejects it with a reason.
export const TEMPORARY_BRANCH_APPLICATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type TemporaryBranchApplicationStatus = (typeof TEMPORARY_BRANCH_APPLICATION_STATUSES)[number];

export const TEMPORARY_BRANCH_ROLES = ['secretary', 'member'] as const;
export type TemporaryBranchRole = (typeof TEMPORARY_BRANCH_ROLES)[number];

// How an attendance was recorded: after scanning or typing the member's e-card code, or picked
// from the hosted list.
export const ATTENDANCE_SOURCES = ['ecard', 'list'] as const;
export type AttendanceSource = (typeof ATTENDANCE_SOURCES)[number];

// A 流入党员 from outside the deployment takes part at the receiving org (active) until they leave.
export const INFLOW_STATUSES = ['active', 'left'] as const;
export type InflowStatus = (typeof INFLOW_STATUSES)[number];
