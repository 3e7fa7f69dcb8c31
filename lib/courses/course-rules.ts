// 远程教育 (issue 6 §3): what a course and its lessons are, and when a member has honestly learnt
// one. A video or audio lesson counts the stretches of the recording the member played in real
// time; a seek, or a position that moved faster than the clock allows, earns nothing. A text
// lesson is read through: its end reached, no sooner than a fast reader could. A document lesson
// is opened and kept open (visible) for most of its stated study time. Pure functions: the data
// layer (learning.ts) stores what they return.

export const LESSON_KINDS = ['video', 'audio', 'text', 'document'] as const;
export type LessonKind = (typeof LESSON_KINDS)[number];
export const isPlayed = (kind: LessonKind): boolean => kind === 'video' || kind === 'audio';

export const COURSE_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

/** Where a year's 学时 come from: courses here; the organisation-life module adds meetings. */
export const STUDY_CREDIT_SOURCES = ['course', 'org_life'] as const;

/** DESIGN.md §4: at least 32 学时 of concentrated study a year. */
export const YEARLY_STUDY_HOURS = 32;

/** A recording is tracked in slices of this many seconds; a slice counts once any of it was played. */
export const SEGMENT_SECONDS = 5;
/** The fastest playback rate the player offers; a position may advance this much faster than the clock. */
export const MAX_PLAYBACK_RATE = 2;
/** Network and timer jitter between two beats, in seconds of playback. */
export const BEAT_SLACK_SECONDS = 3;
/** A played lesson is complete at this share of its slices. */
export const WATCHED_SHARE = 0.9;
/** The player reports at least this often while playing, and the reading pages while visible. */
export const BEAT_SECONDS = 10;
/** Time on a page counted per beat, at most: a hidden tab sends nothing and fast beats earn nothing extra. */
export const MAX_SECONDS_PER_BEAT = 15;
/** Characters a fast reader reads per second (about 1,200 a minute): a text lesson read faster was skimmed. */
export const READING_CHARS_PER_SECOND = 20;
export const LONGEST_LESSON_SECONDS = 6 * 60 * 60;

export const PLAYER_EVENTS = ['start', 'tick', 'seeked', 'pause', 'ended'] as const;
export type PlayerEvent = (typeof PLAYER_EVENTS)[number];
/** What a reading lesson's page reports: opened, still visible, its end reached, its document opened. */
export const PAGE_EVENTS = ['view', 'visible', 'reached_end', 'opened_file'] as const;
export const LESSON_EVENTS = [...PLAYER_EVENTS, ...PAGE_EVENTS] as const;
export type LessonEvent = (typeof LESSON_EVENTS)[number];
export const isPlayerEvent = (event: LessonEvent): event is PlayerEvent => (PLAYER_EVENTS as readonly string[]).includes(event);

/** Seconds on a page since its last beat that count: never more than one beat's worth. */
export const pageSecondsSince = (beatAt: Date | null, now: Date): number => (beatAt ? Math.max(0, Math.min(MAX_SECONDS_PER_BEAT, Math.floor((now.getTime() - beatAt.getTime()) / 1000))) : 0);

/** What the server keeps of one member's playing of one recording. */
export type PlaybackState = {
  /** One character per slice: '1' played, '0' not yet. */
  watched: string;
  /** The position the last beat reported, and when: the baseline the next beat is judged against. */
  position: number | null;
  beatAt: Date | null;
};

export const segmentCount = (durationSeconds: number): number => Math.max(1, Math.ceil(durationSeconds / SEGMENT_SECONDS));
export const emptyWatched = (durationSeconds: number): string => '0'.repeat(segmentCount(durationSeconds));

/**
 * One report from the player. `start` and `seeked` only set the baseline; `tick`, `pause` and
 * `ended` credit the stretch from the baseline to the reported position when it is forward and
 * no longer than the time since the baseline allows at the fastest playback rate. After `pause`
 * or `ended` nothing is credited until the next `start`.
 */
export function creditPlayback(state: PlaybackState, beat: { event: PlayerEvent; position: number }, durationSeconds: number, now: Date): PlaybackState {
  const position = Math.min(Math.max(0, beat.position), durationSeconds);
  const watched = state.watched.length === segmentCount(durationSeconds) ? state.watched : emptyWatched(durationSeconds);
  // A paused or ended player has no running clock: time passing until it plays again earns nothing.
  const stopped = beat.event === 'pause' || beat.event === 'ended';
  const baseline = { watched, position, beatAt: stopped ? null : now };
  if (beat.event === 'start' || beat.event === 'seeked' || state.position === null || state.beatAt === null) return baseline;
  const advanced = position - state.position;
  const elapsed = (now.getTime() - state.beatAt.getTime()) / 1000;
  // The jitter allowance never exceeds the time itself, so many quick reports cannot add it up.
  if (advanced <= 0 || elapsed <= 0 || advanced > elapsed * MAX_PLAYBACK_RATE + Math.min(BEAT_SLACK_SECONDS, elapsed)) return baseline;
  const first = Math.floor(state.position / SEGMENT_SECONDS);
  // A stretch ending exactly on a slice boundary has not entered the next slice.
  const last = Math.min(segmentCount(durationSeconds) - 1, Math.ceil(position / SEGMENT_SECONDS) - 1);
  const slices = watched.split('');
  for (let slice = first; slice <= last; slice++) slices[slice] = '1';
  return { ...baseline, watched: slices.join('') };
}

export const watchedShare = (watched: string): number => (watched.length === 0 ? 0 : watched.split('').filter((slice) => slice === '1').length / watched.length);

/** Seconds a text of this many characters takes a fast reader, and never less than half a minute. */
export const minimumReadingSeconds = (characters: number): number => Math.max(30, Math.ceil(characters / READING_CHARS_PER_SECOND));

export type LessonFacts = { kind: LessonKind; durationSeconds: number; textLength: number };
export type LessonProgressFacts = { watched: string; secondsSpent: number; reachedEnd: boolean; openedFile: boolean };

/** Whether the member has learnt the lesson by its kind's rule. */
export function isLessonComplete(lesson: LessonFacts, progress: LessonProgressFacts): boolean {
  switch (lesson.kind) {
    case 'video':
    case 'audio':
      return watchedShare(progress.watched) >= WATCHED_SHARE;
    case 'text':
      return progress.reachedEnd && progress.secondsSpent >= minimumReadingSeconds(lesson.textLength);
    case 'document':
      return progress.openedFile && progress.secondsSpent >= Math.floor(lesson.durationSeconds * WATCHED_SHARE);
  }
}

/** How far along a lesson is, 0–1, for the progress bar. */
export function lessonShare(lesson: LessonFacts, progress: LessonProgressFacts): number {
  if (isPlayed(lesson.kind)) return watchedShare(progress.watched);
  const needed = lesson.kind === 'text' ? minimumReadingSeconds(lesson.textLength) : Math.max(1, Math.floor(lesson.durationSeconds * WATCHED_SHARE));
  // The bar stops short of full until the end is reached or the document opened: time alone is not enough.
  const lacking = lesson.kind === 'text' ? !progress.reachedEnd : !progress.openedFile;
  return Math.min(1, progress.secondsSpent / needed) * (lacking ? 0.95 : 1);
}

/** 学时 are kept in tenths (0.5 学时 = 5); shown with one decimal only when it has one. */
export const formatHours = (tenths: number): string => (tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1));

/** "1.5" → 15 tenths; null for anything that is not 0.1–20 学时 in steps of 0.1. */
export function parseHours(input: string): number | null {
  const text = input.trim();
  if (!/^\d{1,2}(\.\d)?$/.test(text)) return null;
  const tenths = Math.round(Number(text) * 10);
  return tenths >= 1 && tenths <= 200 ? tenths : null;
}

/** "45", "12:30" or "1:02:03" → seconds; null when it is not a length from 1 s to six hours. */
export function parseDuration(input: string): number | null {
  const text = input.trim();
  if (!/^\d{1,3}(:\d{1,2}){0,2}$/.test(text)) return null;
  const parts = text.split(':').map(Number);
  if (parts.slice(1).some((part) => part >= 60)) return null;
  // A bare number is minutes: how a clerk states a study time.
  const seconds = parts.length === 1 ? parts[0] * 60 : parts.reduce((total, part) => total * 60 + part, 0);
  return seconds >= 1 && seconds <= LONGEST_LESSON_SECONDS ? seconds : null;
}

export const formatDuration = (seconds: number): string => {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
};

export const COURSE_TITLE_MAX = 120;
export const COURSE_SUMMARY_MAX = 500;
export const LESSON_BODY_MAX = 100_000;
export const LESSONS_PER_COURSE = 60;

/** The stored file kinds (lib/storage/file-type.ts) each lesson kind plays or shows. */
const FILE_KIND_OF: Record<Exclude<LessonKind, 'text'>, string> = { video: 'video', audio: 'audio', document: 'document' };

/**
 * Whether a lesson's parts fit its kind: a recording or document has a file of that kind and a
 * length; a text lesson has a body. Field errors, named as the lesson form's fields.
 */
export function checkLessonParts(
  kind: LessonKind,
  parts: { fileKind: string | null; bodyLength: number; durationSeconds: number | null },
  m: { fileRequired: (kind: string) => string; fileKind: (kind: string) => string; bodyRequired: string; duration: string },
  kindLabel: string,
): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (kind === 'text') {
    if (parts.bodyLength === 0) errors.bodyMarkdown = [m.bodyRequired];
    return errors;
  }
  if (parts.fileKind === null) errors.fileId = [m.fileRequired(kindLabel)];
  else if (parts.fileKind !== FILE_KIND_OF[kind]) errors.fileId = [m.fileKind(kindLabel)];
  if (parts.durationSeconds === null) errors.duration = [m.duration];
  return errors;
}
