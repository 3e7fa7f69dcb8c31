// 临时党支部 (issue 5 §5) and attendance away from home (issue 5 §3, §6).
export const temporaryBranchMessages = {};
