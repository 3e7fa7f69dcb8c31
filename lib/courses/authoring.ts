import 'server-only';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { courseLessons, courses, files, orgs, type Course } from '@/db/schema';
import type { ActionState } from '@/lib/actions/action-state';
import { auditActor, failed, forbidden, invalid } from '@/lib/actions/outcomes';
import { appendAudit } from '@/lib/audit/audit';
import { orgPathInScope } from '@/lib/auth/access';
import type { Viewer } from '@/lib/auth/viewer';
import { renderMarkdown } from '@/lib/content/markdown';
import { mayEditContent } from '@/lib/content/publishing';
import { messages } from '@/lib/i18n/messages';
import { isWithinPath } from '@/lib/orgs/paths';
import { checkLessonParts, LESSONS_PER_COURSE, type LessonKind } from './course-rules';

// Writing courses (issue 6 §3). An admin holding the content capability opens courses for the
// members of its own subtree: no review, since a course never reaches beyond the org that offers
// it. Lessons are added, edited, reordered and removed while the course is a draft; publishing
// freezes them, so the 学时 a member earned always match the lessons they learnt. Audited.

const e = messages.courses.errors;
const r = messages.courses.results;
export type CourseContext = { viewer: Viewer | null; ip: string; now?: Date };

/** The course, locked for the change, when the viewer's subtree offers it. */
async function courseInScope(tx: Executor, viewer: Viewer, courseId: string): Promise<(Course & { orgPath: string }) | null> {
  const [row] = await tx.select({ course: courses, orgPath: orgs.path }).from(courses).innerJoin(orgs, eq(orgs.id, courses.orgId)).where(eq(courses.id, courseId)).for('update', { of: courses });
  return row && orgPathInScope(viewer, row.orgPath) ? { ...row.course, orgPath: row.orgPath } : null;
}

/** A stored file the viewer may put in a course: uploaded under its subtree, or already the course's own. */
async function usableFile(tx: Executor, viewer: Viewer, fileId: string, alreadyUsed: boolean): Promise<{ mime: string } | null> {
  const [row] = await tx.select({ mime: files.mime, orgPath: orgs.path }).from(files).innerJoin(orgs, eq(orgs.id, files.orgId)).where(eq(files.id, fileId));
  return row && (alreadyUsed || isWithinPath(row.orgPath, viewer.scopePath)) ? { mime: row.mime } : null;
}

const fileKindOf = (mime: string): string => (mime.startsWith('video/') ? 'video' : mime.startsWith('audio/') ? 'audio' : mime.startsWith('image/') ? 'image' : 'document');

const audit = (tx: Executor, ctx: CourseContext & { viewer: Viewer }, action: string, course: { id: string; orgId: number }, detail: Record<string, unknown>) =>
  appendAudit(tx, { actor: auditActor(ctx.viewer), action, entityType: 'course', entityId: course.id, orgId: course.orgId, ip: ctx.ip, outcome: 'success', detail });

export async function saveCourse(db: Database, ctx: CourseContext, input: { courseId?: string; title: string; summary: string; coverFileId?: string }): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!mayEditContent(viewer)) return forbidden();
  const now = ctx.now ?? new Date();
  return db.transaction(async (tx) => {
    const existing = input.courseId ? await courseInScope(tx, viewer, input.courseId) : null;
    if (input.courseId && !existing) return forbidden(e.notFound);
    if (input.coverFileId) {
      const cover = await usableFile(tx, viewer, input.coverFileId, existing?.coverFileId === input.coverFileId);
      if (!cover || fileKindOf(cover.mime) !== 'image') return invalid({ coverFileId: [e.cover] });
    }
    const values = { title: input.title, summary: input.summary, coverFileId: input.coverFileId ?? null, updatedAt: now };
    let course: { id: string; orgId: number };
    if (existing) {
      await tx.update(courses).set(values).where(eq(courses.id, existing.id));
      course = existing;
    } else {
      [course] = await tx
        .insert(courses)
        .values({ ...values, orgId: viewer.orgId, authorUserId: viewer.userId, createdAt: now })
        .returning({ id: courses.id, orgId: courses.orgId });
    }
    await audit(tx, { ...ctx, viewer }, existing ? 'course.edit' : 'course.create', course, { title: input.title });
    return { status: 'success', message: r.saved, data: { courseId: course.id } } satisfies ActionState;
  });
}

export type LessonInput = {
  courseId: string;
  lessonId?: string;
  title: string;
  kind: LessonKind;
  fileId?: string;
  bodyMarkdown: string;
  durationSeconds: number | null;
  creditTenths: number;
};

/** Adds a lesson at the end of a draft course, or edits one of its lessons. */
export async function saveLesson(db: Database, ctx: CourseContext, input: LessonInput): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!mayEditContent(viewer)) return forbidden();
  return db.transaction(async (tx) => {
    const course = await courseInScope(tx, viewer, input.courseId);
    if (!course) return forbidden(e.notFound);
    if (course.status !== 'draft') return failed(e.locked);
    const [existing] = input.lessonId ? await tx.select().from(courseLessons).where(and(eq(courseLessons.id, input.lessonId), eq(courseLessons.courseId, course.id))) : [];
    if (input.lessonId && !existing) return forbidden(e.lessonNotFound);

    const kindLabel = messages.courses.lessonEditor.kinds[input.kind];
    const file = input.kind !== 'text' && input.fileId ? await usableFile(tx, viewer, input.fileId, existing?.fileId === input.fileId) : null;
    if (input.kind !== 'text' && input.fileId && !file) return invalid({ fileId: [e.fileUnusable] });
    const body = input.kind === 'text' ? input.bodyMarkdown.trim() : '';
    const errors = checkLessonParts(input.kind, { fileKind: file ? fileKindOf(file.mime) : null, bodyLength: body.length, durationSeconds: input.durationSeconds }, e, kindLabel);
    if (Object.keys(errors).length > 0) return invalid(errors);
    const rendered = body ? renderMarkdown(body) : null;
    const values = {
      title: input.title,
      kind: input.kind,
      fileId: input.kind === 'text' ? null : (input.fileId ?? null),
      bodyMarkdown: body,
      bodyHtml: rendered?.html ?? '',
      textLength: rendered?.text.length ?? 0,
      durationSeconds: input.kind === 'text' ? 0 : (input.durationSeconds ?? 0),
      creditTenths: input.creditTenths,
    };
    let lessonId: string;
    if (existing) {
      await tx.update(courseLessons).set(values).where(eq(courseLessons.id, existing.id));
      lessonId = existing.id;
    } else {
      const [{ lessons }] = await tx.select({ lessons: count() }).from(courseLessons).where(eq(courseLessons.courseId, course.id));
      if (lessons >= LESSONS_PER_COURSE) return failed(e.tooManyLessons(LESSONS_PER_COURSE));
      const [{ next }] = await tx.select({ next: sql<number>`coalesce(max(${courseLessons.position}), 0) + 1` }).from(courseLessons).where(eq(courseLessons.courseId, course.id));
      [{ id: lessonId }] = await tx
        .insert(courseLessons)
        .values({ ...values, courseId: course.id, position: Number(next) })
        .returning({ id: courseLessons.id });
    }
    await tx.update(courses).set({ updatedAt: ctx.now ?? new Date() }).where(eq(courses.id, course.id));
    await audit(tx, { ...ctx, viewer }, existing ? 'course.lesson_edit' : 'course.lesson_add', course, { lessonId, title: input.title, kind: input.kind, creditTenths: input.creditTenths });
    return { status: 'success', message: r.lessonSaved, data: { courseId: course.id, lessonId } } satisfies ActionState;
  });
}

/** Removes a lesson of a draft course and closes the gap in the order. */
export async function deleteLesson(db: Database, ctx: CourseContext, input: { courseId: string; lessonId: string }): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!mayEditContent(viewer)) return forbidden();
  return db.transaction(async (tx) => {
    const course = await courseInScope(tx, viewer, input.courseId);
    if (!course) return forbidden(e.notFound);
    if (course.status !== 'draft') return failed(e.locked);
    const [removed] = await tx
      .delete(courseLessons)
      .where(and(eq(courseLessons.id, input.lessonId), eq(courseLessons.courseId, course.id)))
      .returning({ position: courseLessons.position, title: courseLessons.title });
    if (!removed) return forbidden(e.lessonNotFound);
    await renumber(tx, course.id);
    await audit(tx, { ...ctx, viewer }, 'course.lesson_delete', course, { lessonId: input.lessonId, title: removed.title });
    return { status: 'success', message: r.lessonDeleted, data: { courseId: course.id } } satisfies ActionState;
  });
}

/** Positions 1…n in the present order (two passes: the unique index forbids a transient duplicate). */
async function renumber(tx: Executor, courseId: string, order?: string[]): Promise<void> {
  const ids = order ?? (await tx.select({ id: courseLessons.id }).from(courseLessons).where(eq(courseLessons.courseId, courseId)).orderBy(asc(courseLessons.position))).map((row) => row.id);
  await tx.update(courseLessons).set({ position: sql`-${courseLessons.position}` }).where(eq(courseLessons.courseId, courseId));
  for (const [index, id] of ids.entries()) await tx.update(courseLessons).set({ position: index + 1 }).where(eq(courseLessons.id, id));
}

/** Moves a lesson of a draft course one place up or down. */
export async function moveLesson(db: Database, ctx: CourseContext, input: { courseId: string; lessonId: string; direction: 'up' | 'down' }): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!mayEditContent(viewer)) return forbidden();
  return db.transaction(async (tx) => {
    const course = await courseInScope(tx, viewer, input.courseId);
    if (!course) return forbidden(e.notFound);
    if (course.status !== 'draft') return failed(e.locked);
    const order = (await tx.select({ id: courseLessons.id }).from(courseLessons).where(eq(courseLessons.courseId, course.id)).orderBy(asc(courseLessons.position))).map((row) => row.id);
    const at = order.indexOf(input.lessonId);
    if (at < 0) return forbidden(e.lessonNotFound);
    const to = input.direction === 'up' ? at - 1 : at + 1;
    if (to < 0 || to >= order.length) return failed(e.position);
    [order[at], order[to]] = [order[to], order[at]];
    await renumber(tx, course.id, order);
    await audit(tx, { ...ctx, viewer }, 'course.lesson_move', course, { lessonId: input.lessonId, direction: input.direction });
    return { status: 'success', message: r.moved, data: { courseId: course.id } } satisfies ActionState;
  });
}

/** Publishes a draft course to its org's members, or withdraws a published one. */
export async function setCourseStatus(db: Database, ctx: CourseContext, input: { courseId: string; to: 'published' | 'withdrawn' }): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!mayEditContent(viewer)) return forbidden();
  const now = ctx.now ?? new Date();
  return db.transaction(async (tx) => {
    const course = await courseInScope(tx, viewer, input.courseId);
    if (!course) return forbidden(e.notFound);
    if (input.to === 'published') {
      if (course.status !== 'draft') return failed(e.notDraft);
      const [{ lessons }] = await tx.select({ lessons: count() }).from(courseLessons).where(eq(courseLessons.courseId, course.id));
      if (lessons === 0) return failed(e.noLessons);
    } else if (course.status !== 'published') return failed(e.notPublished);
    await tx
      .update(courses)
      .set({ status: input.to, updatedAt: now, ...(input.to === 'published' ? { publishedAt: now } : {}) })
      .where(eq(courses.id, course.id));
    await audit(tx, { ...ctx, viewer }, input.to === 'published' ? 'course.publish' : 'course.withdraw', course, { title: course.title });
    return { status: 'success', message: input.to === 'published' ? r.published : r.withdrawn, data: { courseId: course.id } } satisfies ActionState;
  });
}
