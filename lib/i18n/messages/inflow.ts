// 流入党员 from outside the deployment (issue 5 §4, transfer in).
export const inflowMessages = {};
