'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { ActionState } from '@/lib/actions/action-state';
import { validatedAction } from '@/lib/actions/validated-action';
import { CONTENT_EDITORS } from '@/lib/content/publishing';
import { messages } from '@/lib/i18n/messages';
import { deleteLesson, moveLesson, saveCourse, saveLesson, setCourseStatus } from './authoring';
import { COURSE_SUMMARY_MAX, COURSE_TITLE_MAX, LESSON_BODY_MAX, LESSON_EVENTS, LESSON_KINDS, LONGEST_LESSON_SECONDS, parseDuration, parseHours } from './course-rules';
import { recordLessonBeat } from './learning';

// The course module's actions. Thin wrappers: authoring.ts authorises against the course's org and
// the viewer's subtree, learning.ts against the member's branch; the schemas carry the messages.

const e = messages.courses.errors;
const uuid = (message: string) => z.uuid({ error: message });
const optionalUuid = (message: string) => z.union([z.literal('').transform(() => undefined), uuid(message)]).optional();
const title = z.string({ error: e.titleRequired }).trim().min(1, e.titleRequired).max(COURSE_TITLE_MAX, e.titleTooLong(COURSE_TITLE_MAX));

/** After an act on a course the admin lands on its page, which shows the outcome. */
function toCourse(state: ActionState, done: string): ActionState {
  if (state.status !== 'success' || !state.data?.courseId) return state;
  revalidatePath('/admin/courses', 'layout');
  revalidatePath('/learn', 'layout');
  redirect(`/admin/courses/${state.data.courseId}?done=${done}`);
}

const save = validatedAction(
  {
    schema: z.object({
      courseId: optionalUuid(e.notFound),
      title,
      summary: z.string().trim().max(COURSE_SUMMARY_MAX, e.summaryTooLong(COURSE_SUMMARY_MAX)).default(''),
      coverFileId: optionalUuid(e.cover),
    }),
    access: CONTENT_EDITORS,
    action: 'course.save',
  },
  (input, { viewer, ip }) => saveCourse(getDb(), { viewer, ip }, input),
);
export async function saveCourseAction(previous: ActionState, formData: FormData): Promise<ActionState> {
  return toCourse(await save(previous, formData), 'saved');
}

const lesson = validatedAction(
  {
    schema: z.object({
      courseId: uuid(e.notFound),
      lessonId: optionalUuid(e.lessonNotFound),
      title,
      kind: z.enum(LESSON_KINDS, { error: e.kind }),
      fileId: optionalUuid(e.fileUnusable),
      bodyMarkdown: z.string().max(LESSON_BODY_MAX, e.bodyTooLong(LESSON_BODY_MAX)).default(''),
      duration: z
        .string()
        .default('')
        .transform((text) => (text.trim() ? parseDuration(text) : null))
        .refine((seconds) => seconds === null || seconds <= LONGEST_LESSON_SECONDS, e.duration),
      hours: z.string({ error: e.hours }).transform((text, context) => {
        const tenths = parseHours(text);
        if (tenths === null) context.addIssue({ code: 'custom', message: e.hours });
        return tenths ?? 0;
      }),
    }),
    access: CONTENT_EDITORS,
    action: 'course.lesson_save',
  },
  (input, { viewer, ip }) => saveLesson(getDb(), { viewer, ip }, { ...input, durationSeconds: input.duration, creditTenths: input.hours }),
);
export async function saveLessonAction(previous: ActionState, formData: FormData): Promise<ActionState> {
  return toCourse(await lesson(previous, formData), 'lessonSaved');
}

const lessonRef = { courseId: uuid(e.notFound), lessonId: uuid(e.lessonNotFound) };

const remove = validatedAction({ schema: z.object(lessonRef), access: CONTENT_EDITORS, action: 'course.lesson_delete' }, (input, { viewer, ip }) => deleteLesson(getDb(), { viewer, ip }, input));
export async function deleteLessonAction(previous: ActionState, formData: FormData): Promise<ActionState> {
  return toCourse(await remove(previous, formData), 'lessonDeleted');
}

const move = validatedAction(
  { schema: z.object({ ...lessonRef, direction: z.enum(['up', 'down'], { error: e.position }) }), access: CONTENT_EDITORS, action: 'course.lesson_move' },
  (input, { viewer, ip }) => moveLesson(getDb(), { viewer, ip }, input),
);
export async function moveLessonAction(previous: ActionState, formData: FormData): Promise<ActionState> {
  return toCourse(await move(previous, formData), 'moved');
}

const status = validatedAction(
  { schema: z.object({ courseId: uuid(e.notFound), to: z.enum(['published', 'withdrawn'], { error: messages.actions.invalid }) }), access: CONTENT_EDITORS, action: 'course.status' },
  (input, { viewer, ip }) => setCourseStatus(getDb(), { viewer, ip }, input),
);
export async function setCourseStatusAction(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await status(previous, formData);
  return toCourse(state, formData.get('to') === 'withdrawn' ? 'withdrawn' : 'published');
}

/** A lesson page's report: the player's position or the page's visibility (learning.ts judges it). */
export const lessonBeat = validatedAction(
  {
    schema: z.object({
      courseId: uuid(e.lessonNotFound),
      lessonId: uuid(e.lessonNotFound),
      event: z.enum(LESSON_EVENTS, { error: e.beat }),
      position: z.coerce.number({ error: e.beat }).min(0, e.beat).max(LONGEST_LESSON_SECONDS, e.beat).optional(),
    }),
    access: { tiers: ['member'] },
  },
  (input, { viewer }) => recordLessonBeat(getDb(), { viewer }, input),
);
