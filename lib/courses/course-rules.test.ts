import { describe, expect, it } from 'vitest';
import { messages } from '@/lib/i18n/messages';
import {
  checkLessonParts,
  creditPlayback,
  formatDuration,
  formatHours,
  isLessonComplete,
  lessonShare,
  minimumReadingSeconds,
  pageSecondsSince,
  parseDuration,
  parseHours,
  watchedShare,
  type LessonFacts,
  type LessonKind,
  type LessonProgressFacts,
  type PlaybackState,
  type PlayerEvent,
} from './course-rules';

const e = messages.courses.errors;
const kinds = messages.courses.lessonEditor.kinds;

// The clock: every report is stamped with an explicit time, in seconds after T0.
const T0 = new Date('2025-03-01T20:00:00+08:00');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** What the server holds before a member's first report on a lesson (the column defaults). */
const FRESH: PlaybackState = { watched: '', position: null, beatAt: null };

/** One report from the player: when it arrived (seconds after T0), what happened, where the playhead was. */
type Report = [seconds: number, event: PlayerEvent, position: number];

/** Feeds the player's reports to the server's rule one after another, as the data layer does. */
function play(durationSeconds: number, reports: Report[], from: PlaybackState = FRESH): PlaybackState {
  return reports.reduce((state, [seconds, event, position]) => creditPlayback(state, { event, position }, durationSeconds, at(seconds)), from);
}

/**
 * A member playing from `from` to `to` at `rate`, starting at `startAt` seconds on the clock: a
 * 'start', a 'tick' every `every` seconds of wall time while playing, and `last` at `to`.
 */
function session(from: number, to: number, { rate = 1, every = 10, startAt = 0, last = 'ended' }: { rate?: number; every?: number; startAt?: number; last?: PlayerEvent } = {}): Report[] {
  const reports: Report[] = [[startAt, 'start', from]];
  const wall = (to - from) / rate;
  for (let t = every; t < wall; t += every) reports.push([startAt + t, 'tick', from + t * rate]);
  reports.push([startAt + wall, last, to]);
  return reports;
}

const NO_PROGRESS: LessonProgressFacts = { watched: '', secondsSpent: 0, reachedEnd: false, openedFile: false };
const recording = (durationSeconds: number, kind: LessonKind = 'video'): LessonFacts => ({ kind, durationSeconds, textLength: 0 });
/** Whether the member has learnt a recording of this length, by what the server kept of the playing. */
const learnt = (durationSeconds: number, state: PlaybackState, kind: LessonKind = 'video') => isLessonComplete(recording(durationSeconds, kind), { ...NO_PROGRESS, watched: state.watched });
/** The progress bar of a recording. */
const shown = (durationSeconds: number, state: PlaybackState) => lessonShare(recording(durationSeconds), { ...NO_PROGRESS, watched: state.watched });

// A 60-second video has twelve 5-second slices; shares below are counted in slices of it.
const MINUTE = 60;

describe('creditPlayback: a recording played through honestly', () => {
  it('completes a 60-second video watched in real time with a report every 10 seconds', () => {
    const reports: Report[] = [
      [0, 'start', 0],
      [10, 'tick', 10],
      [20, 'tick', 20],
      [30, 'tick', 30],
      [40, 'tick', 40],
      [50, 'tick', 50],
    ];
    const beforeTheEnd = play(MINUTE, reports);
    expect(shown(MINUTE, beforeTheEnd)).toBe(10 / 12);
    expect(learnt(MINUTE, beforeTheEnd)).toBe(false);

    const done = play(MINUTE, [[60, 'ended', 60]], beforeTheEnd);
    expect(shown(MINUTE, done)).toBe(1);
    expect(learnt(MINUTE, done)).toBe(true);
  });

  it('shows the progress growing report by report while the video plays', () => {
    const shares: number[] = [];
    session(0, MINUTE).reduce((state, [seconds, event, position]) => {
      const next = creditPlayback(state, { event, position }, MINUTE, at(seconds));
      shares.push(shown(MINUTE, next));
      return next;
    }, FRESH);
    expect(shares).toEqual([0, 2 / 12, 4 / 12, 6 / 12, 8 / 12, 10 / 12, 1]);
  });

  it('completes a 45-minute video watched in real time', () => {
    const state = play(45 * MINUTE, session(0, 45 * MINUTE));
    expect(shown(45 * MINUTE, state)).toBe(1);
    expect(learnt(45 * MINUTE, state)).toBe(true);
  });

  it('completes an audio lesson by the same rule', () => {
    expect(learnt(3 * MINUTE, play(3 * MINUTE, session(0, 3 * MINUTE)), 'audio')).toBe(true);
    expect(learnt(3 * MINUTE, play(3 * MINUTE, [[0, 'start', 0], [2, 'seeked', 3 * MINUTE], [3, 'ended', 3 * MINUTE]]), 'audio')).toBe(false);
  });

  it('credits a video played at double speed, the fastest the player offers', () => {
    const short = play(MINUTE, session(0, MINUTE, { rate: 2 }));
    expect(short.watched).toBe('1'.repeat(12));
    expect(learnt(MINUTE, short)).toBe(true);
    expect(learnt(20 * MINUTE, play(20 * MINUTE, session(0, 20 * MINUTE, { rate: 2 })))).toBe(true);
  });

  it('credits nothing for a video played at four times the speed', () => {
    const short = play(MINUTE, session(0, MINUTE, { rate: 4 }));
    expect(shown(MINUTE, short)).toBe(0);
    expect(learnt(MINUTE, short)).toBe(false);
    const long = play(20 * MINUTE, session(0, 20 * MINUTE, { rate: 4 }));
    expect(shown(20 * MINUTE, long)).toBe(0);
    expect(learnt(20 * MINUTE, long)).toBe(false);
  });

  it('allows the playhead at most double the clock plus 3 seconds of jitter between two reports', () => {
    // 10 seconds on the clock allow 10 × 2 + 3 = 23 seconds of playback: 0–23 touches slices 0–4.
    expect(shown(MINUTE, play(MINUTE, [[0, 'start', 0], [10, 'tick', 23]]))).toBe(5 / 12);
    expect(shown(MINUTE, play(MINUTE, [[0, 'start', 0], [10, 'tick', 23.5]]))).toBe(0);
    // A report a little late or early from a player at normal speed still counts.
    expect(shown(MINUTE, play(MINUTE, [[0, 'start', 0], [9, 'tick', 11]]))).toBe(3 / 12);
  });

  it('still credits the stretch between two reports when one in between was lost', () => {
    const state = play(MINUTE, [
      [0, 'start', 0],
      [10, 'tick', 10],
      // the report at 20 never arrived
      [30, 'tick', 30],
    ]);
    expect(shown(MINUTE, state)).toBe(6 / 12);
  });

  it('counts a slice once any of it was played, and not the next slice when a stretch ends exactly on its edge', () => {
    expect(shown(MINUTE, play(MINUTE, [[0, 'start', 0], [10, 'tick', 10]]))).toBe(2 / 12);
    expect(shown(MINUTE, play(MINUTE, [[0, 'start', 0], [11, 'tick', 11]]))).toBe(3 / 12);
    // Starting in the middle of a slice: 12–14 lies within slice 2 alone.
    const state = play(MINUTE, [[0, 'start', 12], [2, 'tick', 14]]);
    expect(state.watched).toBe('001000000000');
  });

  it('credits what was played before a pause and carries on after it', () => {
    const paused = play(MINUTE, [[0, 'start', 0], [10, 'tick', 10], [14, 'pause', 14]]);
    expect(shown(MINUTE, paused)).toBe(3 / 12);
    // The member comes back five minutes later and plays on from where they stopped.
    const done = play(MINUTE, session(14, MINUTE, { startAt: 314 }), paused);
    expect(shown(MINUTE, done)).toBe(1);
    expect(learnt(MINUTE, done)).toBe(true);
  });

  it('earns nothing from the first report when it is not a start, but counts from it on', () => {
    const first = play(MINUTE, [[10, 'tick', 10]]);
    expect(shown(MINUTE, first)).toBe(0);
    expect(shown(MINUTE, play(MINUTE, [[20, 'tick', 20]], first))).toBe(2 / 12);
  });

  it('earns nothing when the clock has not moved forward since the last report', () => {
    const started = play(MINUTE, [[10, 'start', 0]]);
    expect(shown(MINUTE, play(MINUTE, [[5, 'tick', 2]], started))).toBe(0);
  });

  it('keeps what was already learnt across sessions on different days', () => {
    const monday = play(MINUTE, session(0, 30, { last: 'pause' }));
    expect(shown(MINUTE, monday)).toBe(6 / 12);
    const tuesday = play(MINUTE, session(30, MINUTE, { startAt: 86_400 }), monday);
    expect(learnt(MINUTE, tuesday)).toBe(true);
  });
});

describe('creditPlayback: skipping ahead does not complete a lesson', () => {
  it('does not complete a 10-minute video from reports every 100 ms each 3 s further on (30x)', () => {
    const reports: Report[] = [[0, 'start', 0]];
    for (let i = 1; i <= 200; i++) reports.push([i / 10, 'tick', i * 3]);
    expect(learnt(600, play(600, reports))).toBe(false);
  });

  it('does not bank time spent paused for a jump reported as a tick', () => {
    // 5 seconds played, 40 seconds paused, then a jump to the end without a seek report.
    const state = play(MINUTE, [[0, 'start', 0], [5, 'pause', 5], [45, 'tick', MINUTE], [46, 'ended', MINUTE]]);
    expect(learnt(MINUTE, state)).toBe(false);
    expect(shown(MINUTE, state)).toBe(1 / 12);
  });

  it('does not complete a video seeked straight to its end', () => {
    const state = play(MINUTE, [[0, 'start', 0], [2, 'seeked', MINUTE], [3, 'ended', MINUTE]]);
    expect(shown(MINUTE, state)).toBe(0);
    expect(learnt(MINUTE, state)).toBe(false);
  });

  it('does not complete a video seeked to its end after it sat paused long enough to have played it', () => {
    // Forty seconds on the clock would allow 83 seconds of playback, but a seek is not playing.
    const state = play(MINUTE, [[0, 'start', 0], [1, 'pause', 0], [40, 'seeked', MINUTE], [41, 'ended', MINUTE]]);
    expect(shown(MINUTE, state)).toBe(0);
    expect(learnt(MINUTE, state)).toBe(false);
  });

  it('credits nothing for a short skip forward, however long the member waited before it', () => {
    const state = play(MINUTE, [[0, 'start', 0], [10, 'pause', 10], [20, 'seeked', 20], [30, 'tick', 30]]);
    expect(state.watched).toBe('110011000000');
  });

  it('credits nothing for playback started again further on, and counts from there', () => {
    const state = play(MINUTE, [[0, 'start', 0], [10, 'pause', 10], [100, 'start', 40], [110, 'tick', 50]]);
    expect(state.watched).toBe('110000001100');
  });

  it('does not complete a 45-minute video watched for a minute and then seeked to its end', () => {
    const length = 45 * MINUTE;
    const state = play(length, [...session(0, MINUTE, { last: 'tick' }), [62, 'seeked', length], [63, 'ended', length]]);
    expect(shown(length, state)).toBe(12 / (45 * 12));
    expect(learnt(length, state)).toBe(false);
  });

  it('does not complete a video whose single report jumps far ahead of the clock before it ends', () => {
    // 58 seconds of video in 10 seconds is more than double speed: nothing for it. The last 2
    // seconds, 58–60 in 2 seconds, were played and count as the one slice they touch.
    const state = play(MINUTE, [[0, 'start', 0], [10, 'tick', 58], [12, 'ended', MINUTE]]);
    expect(shown(MINUTE, state)).toBe(1 / 12);
    expect(learnt(MINUTE, state)).toBe(false);
  });

  it('does not complete a video ended right after it started', () => {
    const state = play(MINUTE, [[0, 'start', 0], [1, 'ended', MINUTE]]);
    expect(shown(MINUTE, state)).toBe(0);
    expect(learnt(MINUTE, state)).toBe(false);
  });

  it('leaves out a stretch skipped in the middle, so the lesson stays unfinished', () => {
    const state = play(MINUTE, [...session(0, 30, { last: 'tick' }), [31, 'seeked', 45], ...session(45, MINUTE, { startAt: 31 }).slice(1)]);
    expect(state.watched).toBe('111111000111');
    expect(learnt(MINUTE, state)).toBe(false);
  });

  it('credits nothing for a jump reported as a tick, and carries on crediting from where it landed', () => {
    const state = play(MINUTE, [[0, 'start', 0], [10, 'tick', 10], [20, 'tick', 50], [30, 'tick', MINUTE]]);
    expect(state.watched).toBe('110000000011');
    expect(learnt(MINUTE, state)).toBe(false);
  });

  it('credits nothing for a 4x-speed run even when it ends with an honest-looking report', () => {
    const state = play(MINUTE, [[0, 'start', 0], [10, 'tick', 40], [15, 'ended', MINUTE]]);
    expect(shown(MINUTE, state)).toBe(0);
  });
});

describe('creditPlayback: watching again and seeking back', () => {
  it('does not complete a video of which only the first 80% was watched', () => {
    const state = play(100, session(0, 80, { last: 'pause' }));
    expect(shown(100, state)).toBe(0.8);
    expect(learnt(100, state)).toBe(false);
  });

  it('completes at 90% of the slices and not below', () => {
    // 50 seconds = 10 slices: 45 seconds cover 9 of them (90%), 40 seconds 8 (80%).
    expect(learnt(50, play(50, session(0, 45, { last: 'pause' })))).toBe(true);
    expect(learnt(50, play(50, session(0, 40, { last: 'pause' })))).toBe(false);
    // 62 seconds = 13 slices: 0–55 covers 11 (85%), 0–57 covers 12 (92%).
    expect(learnt(62, play(62, session(0, 55, { last: 'pause' })))).toBe(false);
    expect(learnt(62, play(62, session(0, 57, { last: 'pause' })))).toBe(true);
  });

  it('does not add anything for watching the same half twice', () => {
    const once = play(MINUTE, session(0, 30, { last: 'pause' }));
    const twice = play(MINUTE, [[40, 'seeked', 0], ...session(0, 30, { startAt: 40, last: 'pause' })], once);
    expect(shown(MINUTE, once)).toBe(0.5);
    expect(shown(MINUTE, twice)).toBe(0.5);
    expect(learnt(MINUTE, twice)).toBe(false);
  });

  it('carries on crediting after seeking back', () => {
    const state = play(MINUTE, [...session(0, 30, { last: 'tick' }), [31, 'seeked', 10], ...session(10, MINUTE, { startAt: 31 }).slice(1)]);
    expect(shown(MINUTE, state)).toBe(1);
    expect(learnt(MINUTE, state)).toBe(true);
  });

  it('takes a playhead reported behind the last one as the new place to count from', () => {
    // The second half first, then back to the start without a 'seeked' report.
    const secondHalf = play(MINUTE, session(30, MINUTE));
    expect(shown(MINUTE, secondHalf)).toBe(0.5);
    const rewound = play(MINUTE, [[100, 'tick', 0], [110, 'tick', 10]], secondHalf);
    expect(rewound.watched).toBe('110000111111');
  });

  it('completes a video watched backwards in stretches, as long as every part was played', () => {
    const state = play(MINUTE, [...session(30, MINUTE, { last: 'pause' }), [40, 'seeked', 0], ...session(0, 30, { startAt: 40, last: 'pause' })]);
    expect(learnt(MINUTE, state)).toBe(true);
  });
});

describe('creditPlayback: positions and stored progress that do not fit', () => {
  it('clamps a position beyond the end to the end, crediting the last slice and never more than the whole', () => {
    const nearlyDone = play(MINUTE, session(0, 55, { last: 'tick' }));
    expect(shown(MINUTE, nearlyDone)).toBe(11 / 12);
    const done = play(MINUTE, [[60, 'ended', 10_000]], nearlyDone);
    expect(done.watched).toBe('1'.repeat(12));
    expect(shown(MINUTE, done)).toBe(1);
  });

  it('clamps a slightly long final position reported by the player', () => {
    const state = play(MINUTE, [...session(0, 50, { last: 'tick' }), [60, 'ended', 60.4]]);
    expect(state.watched).toBe('1'.repeat(12));
  });

  it('clamps a position before the start to the start', () => {
    const state = play(MINUTE, [[0, 'start', 0], [5, 'tick', -100], [10, 'tick', 5]]);
    expect(shown(MINUTE, state)).toBe(1 / 12);
  });

  it('starts over when the stored progress was for a recording of another length', () => {
    // All twelve slices of a 60-second version were watched; the lesson is now 120 seconds long.
    const old: PlaybackState = { watched: '1'.repeat(12), position: 50, beatAt: at(0) };
    const restarted = play(2 * MINUTE, [[0, 'start', 0]], old);
    expect(restarted.watched).toBe('0'.repeat(24));
    expect(shown(2 * MINUTE, restarted)).toBe(0);

    const ticked = play(2 * MINUTE, [[10, 'tick', 60]], old);
    expect(shown(2 * MINUTE, ticked)).toBe(2 / 24);
    expect(learnt(2 * MINUTE, ticked)).toBe(false);
  });

  it('tracks a recording shorter than one slice as a single slice', () => {
    const state = play(3, [[0, 'start', 0], [3, 'ended', 3]]);
    expect(shown(3, state)).toBe(1);
    expect(learnt(3, state)).toBe(true);
  });
});

describe('watchedShare', () => {
  it('shows no progress before anything was stored, and the played share after', () => {
    expect(watchedShare('')).toBe(0);
    expect(watchedShare('0000')).toBe(0);
    expect(watchedShare('1010')).toBe(0.5);
    expect(watchedShare('1111')).toBe(1);
  });

  it('does not count a lesson with nothing stored as learnt', () => {
    expect(isLessonComplete(recording(MINUTE), NO_PROGRESS)).toBe(false);
    expect(lessonShare(recording(MINUTE), NO_PROGRESS)).toBe(0);
  });
});

describe('text lessons: read through, no sooner than a fast reader', () => {
  it('gives a fast reader 1,200 characters a minute, rounding up, and never less than half a minute', () => {
    expect(minimumReadingSeconds(3000)).toBe(150);
    expect(minimumReadingSeconds(3001)).toBe(151);
    expect(minimumReadingSeconds(12_000)).toBe(600);
    expect(minimumReadingSeconds(600)).toBe(30);
    expect(minimumReadingSeconds(100)).toBe(30);
    expect(minimumReadingSeconds(0)).toBe(30);
    expect(minimumReadingSeconds(620)).toBe(31);
  });

  const text = (textLength: number): LessonFacts => ({ kind: 'text', durationSeconds: 0, textLength });
  const read = (secondsSpent: number, reachedEnd: boolean): LessonProgressFacts => ({ ...NO_PROGRESS, secondsSpent, reachedEnd });

  it('completes a 3,000-character text read to its end in two and a half minutes', () => {
    expect(isLessonComplete(text(3000), read(150, true))).toBe(true);
    expect(isLessonComplete(text(3000), read(600, true))).toBe(true);
  });

  it('does not complete a text whose end was reached faster than a fast reader could', () => {
    expect(isLessonComplete(text(3000), read(149, true))).toBe(false);
    expect(isLessonComplete(text(100), read(29, true))).toBe(false);
    expect(isLessonComplete(text(100), read(30, true))).toBe(true);
  });

  it('does not complete a text left open for a long time without reaching its end', () => {
    expect(isLessonComplete(text(3000), read(3600, false))).toBe(false);
  });

  it('does not complete a text when a watched recording share is all it has', () => {
    expect(isLessonComplete(text(3000), { ...read(0, true), watched: '1111' })).toBe(false);
  });

  it('shows time read against the time needed, short of full until the end is reached', () => {
    expect(lessonShare(text(3000), read(75, true))).toBe(0.5);
    expect(lessonShare(text(3000), read(150, true))).toBe(1);
    expect(lessonShare(text(3000), read(900, true))).toBe(1);
    expect(lessonShare(text(3000), read(0, false))).toBe(0);
    const notAtTheEnd = lessonShare(text(3000), read(900, false));
    expect(notAtTheEnd).toBeLessThan(1);
    expect(notAtTheEnd).toBeGreaterThan(0.5);
    expect(lessonShare(text(3000), read(75, false))).toBeLessThan(lessonShare(text(3000), read(75, true)));
  });
});

describe('pageSecondsSince: time on a reading page', () => {
  it('counts nothing for the first report on a page', () => {
    expect(pageSecondsSince(null, at(0))).toBe(0);
  });

  it('counts the whole seconds since the last report', () => {
    expect(pageSecondsSince(at(0), at(10))).toBe(10);
    expect(pageSecondsSince(at(0), at(10.9))).toBe(10);
    expect(pageSecondsSince(at(0), at(0.5))).toBe(0);
  });

  it('counts at most 15 seconds however long the page went without reporting', () => {
    expect(pageSecondsSince(at(0), at(15))).toBe(15);
    expect(pageSecondsSince(at(0), at(16))).toBe(15);
    expect(pageSecondsSince(at(0), at(3600))).toBe(15);
  });

  it('counts nothing when the report seems to come from before the last one', () => {
    expect(pageSecondsSince(at(10), at(0))).toBe(0);
  });

  /** A reading page reporting at these times (seconds after T0): the first report opens the page. */
  const secondsOnPage = (times: number[]) =>
    times.reduce<{ beatAt: Date | null; spent: number }>((page, t) => ({ beatAt: at(t), spent: page.spent + pageSecondsSince(page.beatAt, at(t)) }), { beatAt: null, spent: 0 }).spent;
  const article = (textLength: number): LessonFacts => ({ kind: 'text', durationSeconds: 0, textLength });

  it('completes a 3,000-character text kept visible for two and a half minutes with a report every 10 seconds', () => {
    const spent = secondsOnPage(Array.from({ length: 16 }, (_, i) => i * 10));
    expect(spent).toBe(150);
    expect(isLessonComplete(article(3000), { ...NO_PROGRESS, secondsSpent: spent, reachedEnd: true })).toBe(true);
  });

  it('does not complete a text whose page sat hidden for ten minutes between two reports', () => {
    const spent = secondsOnPage([0, 600]);
    expect(spent).toBe(15);
    expect(isLessonComplete(article(3000), { ...NO_PROGRESS, secondsSpent: spent, reachedEnd: true })).toBe(false);
  });

  it('earns nothing extra from reports sent faster than the page beats', () => {
    expect(secondsOnPage(Array.from({ length: 11 }, (_, i) => i))).toBe(10);
    expect(secondsOnPage(Array.from({ length: 101 }, (_, i) => i / 10))).toBe(0);
  });
});

describe('document lessons: opened and kept open for most of the stated time', () => {
  // A 20-minute document: 90% is 18 minutes, 1,080 seconds.
  const document: LessonFacts = { kind: 'document', durationSeconds: 20 * MINUTE, textLength: 0 };
  const studied = (secondsSpent: number, openedFile: boolean): LessonProgressFacts => ({ ...NO_PROGRESS, secondsSpent, openedFile });

  it('does not show a full bar for a document left open but never opened', () => {
    expect(isLessonComplete(document, studied(1200, false))).toBe(false);
    expect(lessonShare(document, studied(1200, false))).toBeLessThan(1);
  });

  it('completes when the file was opened and 90% of the stated time was spent', () => {
    expect(isLessonComplete(document, studied(1080, true))).toBe(true);
    expect(isLessonComplete(document, studied(1200, true))).toBe(true);
  });

  it('does not complete a second short of 90% of the stated time', () => {
    expect(isLessonComplete(document, studied(1079, true))).toBe(false);
  });

  it('does not complete when the file was never opened, however long the page was open', () => {
    expect(isLessonComplete(document, studied(7200, false))).toBe(false);
  });

  it('does not complete when the file was opened and closed at once', () => {
    expect(isLessonComplete(document, studied(0, true))).toBe(false);
  });

  it('shows the time spent against the time needed, never beyond full', () => {
    expect(lessonShare(document, studied(540, true))).toBe(0.5);
    expect(lessonShare(document, studied(1080, true))).toBe(1);
    expect(lessonShare(document, studied(5000, true))).toBe(1);
    expect(lessonShare(document, studied(0, true))).toBe(0);
  });
});

describe('学时 in tenths', () => {
  it('shows whole 学时 without a decimal and others with one', () => {
    expect(formatHours(20)).toBe('2');
    expect(formatHours(320)).toBe('32');
    expect(formatHours(15)).toBe('1.5');
    expect(formatHours(5)).toBe('0.5');
    expect(formatHours(1)).toBe('0.1');
    expect(formatHours(0)).toBe('0');
    expect(formatHours(201)).toBe('20.1');
  });

  it('reads what a clerk types as tenths', () => {
    expect(parseHours('1.5')).toBe(15);
    expect(parseHours('2')).toBe(20);
    expect(parseHours(' 0.5 ')).toBe(5);
    expect(parseHours('0.1')).toBe(1);
    expect(parseHours('20')).toBe(200);
    expect(parseHours('20.0')).toBe(200);
  });

  it('reads decimals exactly, without floating-point drift', () => {
    expect(parseHours('0.3')).toBe(3);
    expect(parseHours('1.1')).toBe(11);
    expect(parseHours('2.9')).toBe(29);
  });

  it.each(['', '  ', '0', '0.0', '20.1', '21', '100', '1.55', '1.', '.5', '-1', '1,5', 'abc', '一', '１.５', '1.5学时', '1e1'])('refuses %j', (input) => {
    expect(parseHours(input)).toBeNull();
  });

  it('reads back every value it shows', () => {
    for (let tenths = 1; tenths <= 200; tenths++) expect(parseHours(formatHours(tenths))).toBe(tenths);
  });
});

describe('lesson durations', () => {
  it('reads a bare number as minutes, how a clerk states a study time', () => {
    expect(parseDuration('45')).toBe(45 * 60);
    expect(parseDuration('20')).toBe(1200);
    expect(parseDuration(' 1 ')).toBe(60);
    expect(parseDuration('360')).toBe(6 * 3600);
  });

  it('reads minutes:seconds and hours:minutes:seconds', () => {
    expect(parseDuration('12:30')).toBe(750);
    expect(parseDuration('0:01')).toBe(1);
    expect(parseDuration('1:02:03')).toBe(3723);
    expect(parseDuration('6:00:00')).toBe(6 * 3600);
    expect(parseDuration('100:00')).toBe(6000);
  });

  it.each(['', '0', '0:00', '0:00:00', '361', '6:00:01', '7:00:00', '999:00', '1000', '12:60', '1:60:00', '1:02:03:04', '12.5', '-5', '12：30', 'abc', '12:30秒'])('refuses %j', (input) => {
    expect(parseDuration(input)).toBeNull();
  });

  it('shows a length as m:ss, with hours when there are any', () => {
    expect(formatDuration(750)).toBe('12:30');
    expect(formatDuration(59)).toBe('0:59');
    expect(formatDuration(60)).toBe('1:00');
    expect(formatDuration(3599)).toBe('59:59');
    expect(formatDuration(3600)).toBe('1:00:00');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(6 * 3600)).toBe('6:00:00');
  });

  it('reads back every length it shows, from one second to six hours', () => {
    for (let seconds = 1; seconds <= 6 * 3600; seconds++) {
      if (parseDuration(formatDuration(seconds)) !== seconds) expect.unreachable(`${seconds} s shown as ${formatDuration(seconds)} reads back as ${parseDuration(formatDuration(seconds))}`);
    }
  });
});

describe('checkLessonParts: what the lesson form says', () => {
  const check = (kind: LessonKind, parts: { fileKind: string | null; bodyLength: number; durationSeconds: number | null }) => checkLessonParts(kind, parts, e, kinds[kind]);

  it('accepts each kind with its parts', () => {
    expect(check('video', { fileKind: 'video', bodyLength: 0, durationSeconds: 750 })).toEqual({});
    expect(check('audio', { fileKind: 'audio', bodyLength: 0, durationSeconds: 1200 })).toEqual({});
    expect(check('document', { fileKind: 'document', bodyLength: 0, durationSeconds: 1200 })).toEqual({});
    expect(check('text', { fileKind: null, bodyLength: 3000, durationSeconds: null })).toEqual({});
  });

  it('asks a text lesson for its body, and for nothing else', () => {
    expect(check('text', { fileKind: null, bodyLength: 0, durationSeconds: null })).toEqual({ bodyMarkdown: ['图文课时须填写正文。'] });
    expect(check('text', { fileKind: 'video', bodyLength: 0, durationSeconds: 750 })).toEqual({ bodyMarkdown: ['图文课时须填写正文。'] });
  });

  it('asks a recording or document for its file, naming the kind', () => {
    expect(check('video', { fileKind: null, bodyLength: 0, durationSeconds: 750 })).toEqual({ fileId: ['视频课时须上传课件文件。'] });
    expect(check('audio', { fileKind: null, bodyLength: 0, durationSeconds: 750 })).toEqual({ fileId: ['音频课时须上传课件文件。'] });
    expect(check('document', { fileKind: null, bodyLength: 0, durationSeconds: 1200 })).toEqual({ fileId: ['文档课时须上传课件文件。'] });
  });

  it('refuses a file of another kind, naming the kind wanted', () => {
    expect(check('video', { fileKind: 'audio', bodyLength: 0, durationSeconds: 750 })).toEqual({ fileId: ['这个文件不是视频，请重新上传。'] });
    expect(check('audio', { fileKind: 'video', bodyLength: 0, durationSeconds: 750 })).toEqual({ fileId: ['这个文件不是音频，请重新上传。'] });
    expect(check('document', { fileKind: 'image', bodyLength: 0, durationSeconds: 1200 })).toEqual({ fileId: ['这个文件不是文档，请重新上传。'] });
    expect(check('video', { fileKind: 'document', bodyLength: 0, durationSeconds: 750 })).toEqual({ fileId: ['这个文件不是视频，请重新上传。'] });
  });

  it('asks a recording or document for its length', () => {
    const duration = '请填写时长：视频、音频如 12:30，文档如 20（分钟），不超过 6 小时。';
    expect(check('video', { fileKind: 'video', bodyLength: 0, durationSeconds: null })).toEqual({ duration: [duration] });
    expect(check('document', { fileKind: 'document', bodyLength: 0, durationSeconds: null })).toEqual({ duration: [duration] });
  });

  it('reports a missing file and a missing length together', () => {
    expect(check('audio', { fileKind: null, bodyLength: 0, durationSeconds: null })).toEqual({
      fileId: ['音频课时须上传课件文件。'],
      duration: ['请填写时长：视频、音频如 12:30，文档如 20（分钟），不超过 6 小时。'],
    });
  });
});
