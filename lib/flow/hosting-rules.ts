import { messages } from '@/lib/i18n/messages';
import { addDays } from '@/lib/members/four-clear';
import { isRealDay } from './certificate-rules';
import { FEEDBACK_RATINGS, type FeedbackRating } from './report-status';

// Pure rules of 报到 at the host and the host's 表现反馈 (issue 5 §3).

const e = messages.flow.hosting.errors;

export type RegistrationInput = { hostOrgId: number; outsideOrgName: null; outsideContact: null; reportedOn: string } | { hostOrgId: null; outsideOrgName: string; outsideContact: string; reportedOn: string };
export type FeedbackInput = { year: number; rating: FeedbackRating; content: string };
export type Parsed<T> = { ok: true; value: T } | { ok: false; fieldErrors: Record<string, string[]> };

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/**
 * A 报到 as the member entered it: a host of the deployment (by id) or one outside it (name and
 * contact), and the day the member reported — not before the journey began, not in the future.
 */
export function parseRegistration(raw: Readonly<Record<string, unknown>>, startedOn: string, today: string): Parsed<RegistrationInput> {
  const fieldErrors: Record<string, string[]> = {};
  const reportedOn = text(raw.reportedOn);
  if (!isRealDay(reportedOn)) fieldErrors.reportedOn = [e.reportedOn];
  else if (reportedOn > today) fieldErrors.reportedOn = [e.reportedOnFuture];
  else if (reportedOn < startedOn) fieldErrors.reportedOn = [e.reportedBeforeLeaving];
  const where = text(raw.where);
  if (where === 'outside') {
    const outsideOrgName = text(raw.outsideOrgName);
    const outsideContact = text(raw.outsideContact);
    if (outsideOrgName.length < 2 || outsideOrgName.length > 100) fieldErrors.outsideOrgName = [e.outsideOrgName];
    if (outsideContact.length < 5 || outsideContact.length > 100) fieldErrors.outsideContact = [e.outsideContact];
    if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
    return { ok: true, value: { hostOrgId: null, outsideOrgName, outsideContact, reportedOn } };
  }
  const hostText = text(raw.hostOrgId);
  const hostOrgId = /^\d{1,9}$/.test(hostText) ? Number(hostText) : null;
  if (where !== 'host' || hostOrgId === null) fieldErrors.hostOrgId = [e.hostOrg];
  if (Object.keys(fieldErrors).length > 0 || hostOrgId === null) return { ok: false, fieldErrors };
  return { ok: true, value: { hostOrgId, outsideOrgName: null, outsideContact: null, reportedOn } };
}

/** Feedback is for this year, or last year's filed early in the new one. */
export function parseFeedback(raw: Readonly<Record<string, unknown>>, today: string): Parsed<FeedbackInput> {
  const fieldErrors: Record<string, string[]> = {};
  const thisYear = Number(today.slice(0, 4));
  const yearText = text(raw.year);
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : Number.NaN;
  if (year !== thisYear && year !== thisYear - 1) fieldErrors.year = [e.feedbackYear(thisYear - 1, thisYear)];
  const rating = text(raw.rating);
  if (!(FEEDBACK_RATINGS as readonly string[]).includes(rating)) fieldErrors.rating = [e.rating];
  const content = text(raw.content);
  if (content.length < 10 || content.length > 1000) fieldErrors.content = [e.feedbackContent];
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, value: { year, rating: rating as FeedbackRating, content } };
}

export function declineReasonProblem(reason: string): string | null {
  const length = reason.trim().length;
  return length < 2 || length > 500 ? e.declineReason : null;
}

/** The earliest day a 报到 form offers: the journey's start, or a year back for an old journey. */
export function earliestReportDay(startedOn: string, today: string): string {
  const yearBack = addDays(today, -365);
  return startedOn > yearBack ? startedOn : yearBack;
}
