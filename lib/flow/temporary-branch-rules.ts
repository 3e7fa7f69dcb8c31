import { z } from 'zod';
import { messages } from '@/lib/i18n/messages';
import type { MemberCategory } from '@/lib/members/member-status';
import { MEETING_KINDS, type MeetingKind } from '@/lib/org-life/meeting-kinds';
import { isKnownRegion, regionName } from '@/lib/regions/regions';
import { isRealDay } from './certificate-rules';
import type { Parsed } from './hosting-rules';

// Pure rules of the 临时党支部 (issue 5 §5) and of attendance away from home (issue 5 §3, §6).
// 《中国共产党支部工作条例（试行）》 art. 7 and the 流动党员 rules: three or more members away in
// the same place may form one, approved by the 党委 above, which names its 书记; it organises
// study and organisation life, but collects no dues, admits no members and disciplines no one,
// and it is dissolved when its members return.

const e = messages.temporaryBranches.errors;

export const MIN_TEMPORARY_BRANCH_MEMBERS = 3;
export const MAX_TEMPORARY_BRANCH_MEMBERS = 200;

/**
 * "The same place": the same prefecture-level city (4-digit GB/T 2260 prefix) — members of one
 * city work across its districts. A municipality (北京, 天津, 上海, 重庆) is one place.
 */
export function placeKey(regionCode: string): string {
  return ['11', '12', '31', '50'].includes(regionCode.slice(0, 2)) ? regionCode.slice(0, 2) : regionCode.slice(0, 4);
}

export function placeName(regionCode: string): string {
  return regionName(placeKey(regionCode));
}

export type ProposalInput = { name: string; regionCode: string; memberIds: string[]; secretaryMemberId: string; reason: string };

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const list = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(text).filter((item) => item.length > 0);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A proposal as the admin entered it: the shape only; who the members are is checked against the archive. */
export function parseProposal(raw: Readonly<Record<string, unknown>>): Parsed<ProposalInput> {
  const fieldErrors: Record<string, string[]> = {};
  const name = text(raw.name);
  if (name.length < 6 || name.length > 100 || !name.endsWith('临时党支部')) fieldErrors.name = [e.name];
  const regionCode = text(raw.regionCode);
  // A county, or a whole city by its own code (440300 深圳市).
  if (!/^\d{6}$/.test(regionCode) || !(isKnownRegion(regionCode) || (regionCode.endsWith('00') && isKnownRegion(regionCode.slice(0, 4))))) fieldErrors.regionCode = [e.region];
  const memberIds = [...new Set(list(raw.memberIds))];
  if (memberIds.some((id) => !UUID.test(id))) fieldErrors.memberIds = [messages.actions.invalid];
  else if (memberIds.length < MIN_TEMPORARY_BRANCH_MEMBERS) fieldErrors.memberIds = [e.tooFew(MIN_TEMPORARY_BRANCH_MEMBERS)];
  else if (memberIds.length > MAX_TEMPORARY_BRANCH_MEMBERS) fieldErrors.memberIds = [e.tooMany(MAX_TEMPORARY_BRANCH_MEMBERS)];
  const secretaryMemberId = text(raw.secretaryMemberId);
  if (!memberIds.includes(secretaryMemberId)) fieldErrors.secretaryMemberId = [e.secretaryNotMember];
  const reason = text(raw.reason);
  if (reason.length < 5 || reason.length > 1000) fieldErrors.reason = [e.reason];
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, value: { name, regionCode, memberIds, secretaryMemberId, reason } };
}

/** A proposed member as the archive holds them now. */
export type Candidate = {
  id: string;
  name: string;
  category: MemberCategory;
  /** The open outflow episode's region, or null when the member is not away. */
  awayRegionCode: string | null;
  /** The 临时党支部 the member already takes part in, if any. */
  currentBranchName: string | null;
};

/**
 * Why these members cannot form a 临时党支部 at that place, by field; empty when they can. Each
 * problem names the members it concerns so the admin can fix the list.
 */
export function membershipProblems(candidates: readonly Candidate[], regionCode: string, secretaryMemberId: string): Record<string, string[]> {
  const problems: string[] = [];
  const notAway = candidates.filter((candidate) => candidate.awayRegionCode === null);
  if (notAway.length > 0) problems.push(e.notAway(names(notAway)));
  const elsewhere = candidates.filter((candidate) => candidate.awayRegionCode !== null && placeKey(candidate.awayRegionCode) !== placeKey(regionCode));
  if (elsewhere.length > 0) problems.push(e.notSamePlace(names(elsewhere), placeName(regionCode)));
  const taken = candidates.filter((candidate) => candidate.currentBranchName !== null);
  if (taken.length > 0) problems.push(e.alreadyInBranch(names(taken)));
  const fieldErrors: Record<string, string[]> = {};
  if (problems.length > 0) fieldErrors.memberIds = problems;
  const secretary = candidates.find((candidate) => candidate.id === secretaryMemberId);
  // A 预备党员 has no 表决权, 选举权 or 被选举权, so cannot be a 书记.
  if (secretary && secretary.category !== 'full') fieldErrors.secretaryMemberId = [e.secretaryProbationary];
  return fieldErrors;
}

const names = (candidates: readonly Candidate[]): string => candidates.map((candidate) => candidate.name).join('、');

/** A 临时党支部 left with no one is dissolved at once; with fewer than three it should be. */
export function memberCountState(active: number): 'dissolve' | 'too_few' | 'ok' {
  if (active === 0) return 'dissolve';
  return active < MIN_TEMPORARY_BRANCH_MEMBERS ? 'too_few' : 'ok';
}

/** The paths' longest common ancestor path ('1.4.37' and '1.4.52' → '1.4'). */
export function commonAncestorPath(paths: readonly string[]): string {
  if (paths.length === 0) return '';
  const split = paths.map((path) => path.split('.'));
  const common: string[] = [];
  for (let index = 0; index < split[0].length; index++) {
    const label = split[0][index];
    if (!split.every((labels) => labels[index] === label)) break;
    common.push(label);
  }
  return common.join('.');
}

/** The ticked attendees of a meeting: one to MAX_TEMPORARY_BRANCH_MEMBERS distinct ids, or null. */
export function parseAttendeeIds(raw: unknown): string[] | null {
  const ids = [...new Set(list(raw))];
  if (ids.length === 0 || ids.length > MAX_TEMPORARY_BRANCH_MEMBERS || ids.some((id) => !UUID.test(id))) return null;
  return ids;
}

const formText = (max: number, message: string) => z.string({ error: message }).max(max, message);

/**
 * The meeting form's fields as its actions accept them (bounded strings: parseAttendance and
 * parseAttendeeIds judge them). `memberIds` is the ticked attendees, one or many.
 */
export const meetingFormFields = {
  memberIds: z.union([formText(40, messages.actions.invalid), z.array(formText(40, messages.actions.invalid)).max(500, messages.actions.invalid)]).optional(),
  heldOn: formText(20, e.heldOn),
  kind: formText(40, e.kind),
  topic: formText(400, e.topic),
};

export type AttendanceInput = { heldOn: string; kind: MeetingKind; topic: string };

/** A meeting as entered: a real day, not in the future nor more than a year back; a kind; a topic. */
export function parseAttendance(raw: Readonly<Record<string, unknown>>, today: string): Parsed<AttendanceInput> {
  const fieldErrors: Record<string, string[]> = {};
  const heldOn = text(raw.heldOn);
  const yearBack = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  if (!isRealDay(heldOn)) fieldErrors.heldOn = [e.heldOn];
  else if (heldOn > today) fieldErrors.heldOn = [e.heldOnFuture];
  else if (heldOn < yearBack) fieldErrors.heldOn = [e.heldOnTooOld];
  const kind = text(raw.kind);
  if (!(MEETING_KINDS as readonly string[]).includes(kind)) fieldErrors.kind = [e.kind];
  const topic = text(raw.topic);
  if (topic.length < 2 || topic.length > 200) fieldErrors.topic = [e.topic];
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, value: { heldOn, kind: kind as MeetingKind, topic } };
}
