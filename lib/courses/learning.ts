import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { courseLessons, lessonProgress, studyCredits } from '@/db/schema';
import type { ActionState } from '@/lib/actions/action-state';
import { forbidden, invalid } from '@/lib/actions/outcomes';
import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import { creditPlayback, isLessonComplete, isPlayed, isPlayerEvent, lessonShare, pageSecondsSince, type LessonEvent } from './course-rules';
import { beijingYear } from '@/lib/time/beijing';
import { getMemberLesson } from './queries';

// A member learning (issue 6 §3): each report from a lesson page moves the member's progress by
// the rules of course-rules.ts, and the report that completes the last lesson of a course credits
// the course's 学时 to the member's year, once, in the same transaction.

const e = messages.courses.errors;

export type LessonBeat = { courseId: string; lessonId: string; event: LessonEvent; position?: number };
/** What the lesson page shows after a report, as the action's data (strings, like every action's). */
export type BeatResult = { share: number; lessonComplete: boolean; courseComplete: boolean; creditedTenths: number };
export const beatData = (result: BeatResult): Record<string, string> => ({ share: result.share.toFixed(3), lessonComplete: String(result.lessonComplete), courseComplete: String(result.courseComplete), creditedTenths: String(result.creditedTenths) });
export const beatResultOf = (data: Record<string, string> | undefined): BeatResult | null =>
  data && 'share' in data ? { share: Number(data.share), lessonComplete: data.lessonComplete === 'true', courseComplete: data.courseComplete === 'true', creditedTenths: Number(data.creditedTenths) } : null;

export async function recordLessonBeat(db: Database, { viewer, now = new Date() }: { viewer: Viewer | null; now?: Date }, beat: LessonBeat): Promise<ActionState> {
  if (!viewer?.memberId) return forbidden();
  const memberId = viewer.memberId;
  const lesson = await getMemberLesson(db, viewer, beat.courseId, beat.lessonId);
  if (!lesson) return forbidden(e.lessonNotFound);
  const played = isPlayed(lesson.kind);
  // A player's report without a position, or a page's report on a recording, is not one this page sends.
  if (played !== isPlayerEvent(beat.event) && beat.event !== 'view') return invalid({ event: [e.beat] }, e.beat);
  if (played && beat.event !== 'view' && (beat.position === undefined || !Number.isFinite(beat.position))) return invalid({ position: [e.beat] }, e.beat);

  return db.transaction(async (tx) => {
    // One member's reports on one course go one at a time: two lessons finished at once (two tabs)
    // must not each see the other unfinished and leave the course uncredited.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`course-progress ${memberId} ${lesson.courseId}`}, 0))`);
    await tx.insert(lessonProgress).values({ memberId, lessonId: lesson.id, startedAt: now }).onConflictDoNothing();
    const [progress] = await tx
      .select()
      .from(lessonProgress)
      .where(and(eq(lessonProgress.memberId, memberId), eq(lessonProgress.lessonId, lesson.id)))
      .for('update');
    let next = { watched: progress.watched, position: progress.position, beatAt: progress.beatAt, secondsSpent: progress.secondsSpent, reachedEnd: progress.reachedEnd, openedFile: progress.openedFile };
    if (played && isPlayerEvent(beat.event)) {
      const credited = creditPlayback({ watched: progress.watched, position: progress.position, beatAt: progress.beatAt }, { event: beat.event, position: beat.position! }, lesson.durationSeconds, now);
      next = { ...next, ...credited };
    } else if (!played) {
      // A page's first report sets the clock; each later one adds the time since, at most one beat's worth.
      const seconds = beat.event === 'view' ? 0 : pageSecondsSince(progress.beatAt, now);
      next = {
        ...next,
        beatAt: now,
        secondsSpent: progress.secondsSpent + seconds,
        reachedEnd: progress.reachedEnd || (beat.event === 'reached_end' && lesson.kind === 'text'),
        openedFile: progress.openedFile || (beat.event === 'opened_file' && lesson.kind === 'document'),
      };
    }
    const facts = { kind: lesson.kind, durationSeconds: lesson.durationSeconds, textLength: lesson.textLength };
    const completes = !progress.completedAt && isLessonComplete(facts, next);
    await tx
      .update(lessonProgress)
      .set({ ...next, ...(completes ? { completedAt: now } : {}) })
      .where(and(eq(lessonProgress.memberId, memberId), eq(lessonProgress.lessonId, lesson.id)));

    let creditedTenths = 0;
    let courseComplete = lesson.course.completed;
    // Checked on every report of a learnt lesson, so a course whose credit was ever missed is repaired.
    if ((completes || progress.completedAt) && !courseComplete) {
      const [{ remaining }] = await tx
        .select({ remaining: sql<number>`count(*)::int` })
        .from(courseLessons)
        .leftJoin(lessonProgress, and(eq(lessonProgress.lessonId, courseLessons.id), eq(lessonProgress.memberId, memberId)))
        .where(and(eq(courseLessons.courseId, lesson.courseId), isNull(lessonProgress.completedAt)));
      if (remaining === 0) {
        const tenths = lesson.course.tenths;
        const inserted = await tx
          .insert(studyCredits)
          .values({ memberId, year: beijingYear(now), source: 'course', sourceId: lesson.courseId, title: lesson.course.title, tenths, creditedAt: now })
          .onConflictDoNothing()
          .returning({ id: studyCredits.id });
        courseComplete = true;
        creditedTenths = inserted.length > 0 ? tenths : 0;
      }
    }
    const share = progress.completedAt || completes ? 1 : lessonShare(facts, next);
    return { status: 'success', message: '', data: beatData({ share, lessonComplete: Boolean(progress.completedAt) || completes, courseComplete, creditedTenths }) } satisfies ActionState;
  });
}
