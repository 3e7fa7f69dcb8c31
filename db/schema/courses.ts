import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { COURSE_STATUSES, LESSON_KINDS, STUDY_CREDIT_SOURCES } from '@/lib/courses/course-rules';
import { users } from './identity';
import { members } from './members';
import { orgs } from './orgs';
import { files } from './platform';

export const courseStatus = pgEnum('course_status', COURSE_STATUSES);
export const lessonKind = pgEnum('lesson_kind', LESSON_KINDS);
export const studyCreditSource = pgEnum('study_credit_source', STUDY_CREDIT_SOURCES);

/** 远程教育: a course an org offers to the members of its subtree (`orgId` writes it and reads it out to them). */
export const courses = pgTable(
  'courses',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: integer()
      .notNull()
      .references(() => orgs.id),
    title: varchar({ length: 120 }).notNull(),
    summary: varchar({ length: 500 }).notNull().default(''),
    coverFileId: uuid().references(() => files.id),
    status: courseStatus().notNull().default('draft'),
    publishedAt: timestamp({ withTimezone: true }),
    authorUserId: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('courses_published_idx').on(table.publishedAt.desc()).where(sql`${table.status} = 'published'`),
    index('courses_org_idx').on(table.orgId, table.updatedAt.desc()),
  ],
);

/** A lesson of a course, in `position` order; its 学时 are in tenths (1.5 学时 = 15). */
export const courseLessons = pgTable(
  'course_lessons',
  {
    id: uuid().primaryKey().defaultRandom(),
    courseId: uuid()
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    position: smallint().notNull(),
    title: varchar({ length: 120 }).notNull(),
    kind: lessonKind().notNull(),
    // The recording or document (video, audio, document); a text lesson has none.
    fileId: uuid().references(() => files.id),
    bodyMarkdown: text().notNull().default(''),
    bodyHtml: text().notNull().default(''),
    textLength: integer().notNull().default(0),
    // A recording's length, or a document's stated study time.
    durationSeconds: integer().notNull().default(0),
    creditTenths: smallint().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('course_lessons_position_key').on(table.courseId, table.position),
    index('course_lessons_file_idx').on(table.fileId),
    check('course_lessons_credit_check', sql`${table.creditTenths} BETWEEN 1 AND 200`),
  ],
);

/**
 * One member's progress through one lesson: the slices of a recording played in real time
 * (course-rules.ts creditPlayback), time on the page by heartbeat, whether a text's end was
 * reached and a document opened; `completedAt` once the kind's rule is met, never undone.
 */
export const lessonProgress = pgTable(
  'lesson_progress',
  {
    memberId: uuid()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    lessonId: uuid()
      .notNull()
      .references(() => courseLessons.id, { onDelete: 'cascade' }),
    watched: text().notNull().default(''),
    position: doublePrecision(),
    beatAt: timestamp({ withTimezone: true }),
    secondsSpent: integer().notNull().default(0),
    reachedEnd: boolean().notNull().default(false),
    openedFile: boolean().notNull().default(false),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp({ withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.memberId, table.lessonId] }), index('lesson_progress_lesson_idx').on(table.lessonId)],
);

/**
 * A member's 学时 by year (Beijing): one row per course completed, and (from the organisation-life
 * module) per meeting attended. Unique per source so nothing is credited twice.
 */
export const studyCredits = pgTable(
  'study_credits',
  {
    id: uuid().primaryKey().defaultRandom(),
    memberId: uuid()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    year: smallint().notNull(),
    source: studyCreditSource().notNull(),
    sourceId: uuid().notNull(),
    title: varchar({ length: 120 }).notNull(),
    tenths: smallint().notNull(),
    creditedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('study_credits_source_key').on(table.memberId, table.source, table.sourceId), index('study_credits_member_year_idx').on(table.memberId, table.year)],
);

export type Course = typeof courses.$inferSelect;
export type CourseLesson = typeof courseLessons.$inferSelect;
