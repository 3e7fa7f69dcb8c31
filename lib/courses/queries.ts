import 'server-only';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { courseLessons, courses, lessonProgress, members, orgs, studyCredits, type Course, type CourseLesson } from '@/db/schema';
import { orgPathInScope } from '@/lib/auth/access';
import { inViewerScope } from '@/lib/auth/scope';
import type { Viewer } from '@/lib/auth/viewer';
import { mayEditContent } from '@/lib/content/publishing';
import { beijingYear } from '@/lib/time/beijing';
import { lessonShare, type LessonFacts, type LessonProgressFacts } from './course-rules';

// Reads of courses. Members see the published courses offered by an org above or at their branch
// (a course reaches its org's whole subtree); admins see the courses their subtree offers. A
// lesson's file is readable by whoever may take the course.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (id: string) => UUID.test(id);

async function memberBranchPath(db: Executor, memberId: string): Promise<string | null> {
  const [row] = await db.select({ path: orgs.path }).from(members).innerJoin(orgs, eq(orgs.id, members.orgId)).where(eq(members.id, memberId));
  return row?.path ?? null;
}

/** Offered to the member: published by an org whose subtree holds the member's branch. */
const offeredTo = (branchPath: string) => and(eq(courses.status, 'published'), sql`${orgs.path} @> ${branchPath}::ltree`);

const lessonFacts = (lesson: Pick<CourseLesson, 'kind' | 'durationSeconds' | 'textLength'>): LessonFacts => ({ kind: lesson.kind, durationSeconds: lesson.durationSeconds, textLength: lesson.textLength });
const progressFacts = (row: { watched: string | null; secondsSpent: number | null; reachedEnd: boolean | null; openedFile: boolean | null } | null): LessonProgressFacts => ({
  watched: row?.watched ?? '',
  secondsSpent: row?.secondsSpent ?? 0,
  reachedEnd: row?.reachedEnd ?? false,
  openedFile: row?.openedFile ?? false,
});

// --- Members -------------------------------------------------------------------------------------

export type CourseCard = { id: string; title: string; summary: string; coverFileId: string | null; orgName: string; lessons: number; tenths: number; done: number; completed: boolean };

export async function listMemberCourses(db: Executor, viewer: Viewer): Promise<CourseCard[]> {
  if (!viewer.memberId) return [];
  const branchPath = await memberBranchPath(db, viewer.memberId);
  if (!branchPath) return [];
  const rows = await db
    .select({
      id: courses.id,
      title: courses.title,
      summary: courses.summary,
      coverFileId: courses.coverFileId,
      orgName: orgs.name,
      lessons: sql<number>`(SELECT count(*)::int FROM ${courseLessons} WHERE ${courseLessons.courseId} = ${courses.id})`,
      tenths: sql<number>`(SELECT coalesce(sum(${courseLessons.creditTenths}), 0)::int FROM ${courseLessons} WHERE ${courseLessons.courseId} = ${courses.id})`,
      done: sql<number>`(SELECT count(*)::int FROM ${lessonProgress} JOIN ${courseLessons} ON ${courseLessons.id} = ${lessonProgress.lessonId} WHERE ${courseLessons.courseId} = ${courses.id} AND ${lessonProgress.memberId} = ${viewer.memberId} AND ${lessonProgress.completedAt} IS NOT NULL)`,
      completed: sql<boolean>`EXISTS (SELECT 1 FROM ${studyCredits} WHERE ${studyCredits.memberId} = ${viewer.memberId} AND ${studyCredits.source} = 'course' AND ${studyCredits.sourceId} = ${courses.id})`,
    })
    .from(courses)
    .innerJoin(orgs, eq(orgs.id, courses.orgId))
    .where(offeredTo(branchPath))
    .orderBy(desc(courses.publishedAt), desc(courses.id))
    .limit(200);
  return rows;
}

export type YearCredits = { year: number; tenths: number; entries: { title: string; tenths: number; creditedAt: Date; source: 'course' | 'org_life' }[] };

/** The member's 学时 of the (Beijing) year, with where each came from. */
export async function getYearCredits(db: Executor, viewer: Viewer, now = new Date()): Promise<YearCredits> {
  const year = beijingYear(now);
  if (!viewer.memberId) return { year, tenths: 0, entries: [] };
  const entries = await db
    .select({ title: studyCredits.title, tenths: studyCredits.tenths, creditedAt: studyCredits.creditedAt, source: studyCredits.source })
    .from(studyCredits)
    .where(and(eq(studyCredits.memberId, viewer.memberId), eq(studyCredits.year, year)))
    .orderBy(desc(studyCredits.creditedAt));
  return { year, tenths: entries.reduce((total, entry) => total + entry.tenths, 0), entries };
}

export type LessonRow = Pick<CourseLesson, 'id' | 'position' | 'title' | 'kind' | 'durationSeconds' | 'creditTenths' | 'textLength'> & { complete: boolean; share: number };
export type MemberCourse = Pick<Course, 'id' | 'title' | 'summary' | 'coverFileId'> & { orgName: string; lessons: LessonRow[]; tenths: number; completed: boolean };

export async function getMemberCourse(db: Executor, viewer: Viewer, courseId: string): Promise<MemberCourse | null> {
  if (!viewer.memberId || !isUuid(courseId)) return null;
  const branchPath = await memberBranchPath(db, viewer.memberId);
  if (!branchPath) return null;
  const [course] = await db
    .select({ id: courses.id, title: courses.title, summary: courses.summary, coverFileId: courses.coverFileId, orgName: orgs.name })
    .from(courses)
    .innerJoin(orgs, eq(orgs.id, courses.orgId))
    .where(and(eq(courses.id, courseId), offeredTo(branchPath)));
  if (!course) return null;
  const rows = await db
    .select({ lesson: courseLessons, progress: lessonProgress })
    .from(courseLessons)
    .leftJoin(lessonProgress, and(eq(lessonProgress.lessonId, courseLessons.id), eq(lessonProgress.memberId, viewer.memberId)))
    .where(eq(courseLessons.courseId, course.id))
    .orderBy(asc(courseLessons.position));
  const lessons = rows.map(({ lesson, progress }) => ({
    id: lesson.id,
    position: lesson.position,
    title: lesson.title,
    kind: lesson.kind,
    durationSeconds: lesson.durationSeconds,
    creditTenths: lesson.creditTenths,
    textLength: lesson.textLength,
    complete: Boolean(progress?.completedAt),
    share: progress?.completedAt ? 1 : lessonShare(lessonFacts(lesson), progressFacts(progress)),
  }));
  const [credit] = await db
    .select({ id: studyCredits.id })
    .from(studyCredits)
    .where(and(eq(studyCredits.memberId, viewer.memberId), eq(studyCredits.source, 'course'), eq(studyCredits.sourceId, course.id)));
  return { ...course, lessons, tenths: lessons.reduce((total, lesson) => total + lesson.creditTenths, 0), completed: Boolean(credit) };
}

export type MemberLesson = CourseLesson & { course: MemberCourse; progress: LessonProgressFacts & { completed: boolean } };

/** A lesson of a course offered to the member, with the member's progress through it. */
export async function getMemberLesson(db: Executor, viewer: Viewer, courseId: string, lessonId: string): Promise<MemberLesson | null> {
  if (!isUuid(lessonId)) return null;
  const course = await getMemberCourse(db, viewer, courseId);
  if (!course || !course.lessons.some((lesson) => lesson.id === lessonId)) return null;
  const [row] = await db
    .select({ lesson: courseLessons, progress: lessonProgress })
    .from(courseLessons)
    .leftJoin(lessonProgress, and(eq(lessonProgress.lessonId, courseLessons.id), eq(lessonProgress.memberId, viewer.memberId!)))
    .where(eq(courseLessons.id, lessonId));
  if (!row) return null;
  return { ...row.lesson, course, progress: { ...progressFacts(row.progress), completed: Boolean(row.progress?.completedAt) } };
}

/** Whether the file is a lesson's of a course the member may take (the file route asks). */
export async function mayReadCourseFile(db: Executor, viewer: Viewer, fileId: string): Promise<boolean> {
  if (!viewer.memberId || !isUuid(fileId)) return false;
  const branchPath = await memberBranchPath(db, viewer.memberId);
  if (!branchPath) return false;
  const [row] = await db
    .select({ id: courses.id })
    .from(courses)
    .innerJoin(orgs, eq(orgs.id, courses.orgId))
    .where(and(offeredTo(branchPath), sql`(${courses.coverFileId} = ${fileId} OR EXISTS (SELECT 1 FROM ${courseLessons} WHERE ${courseLessons.courseId} = ${courses.id} AND ${courseLessons.fileId} = ${fileId}))`))
    .limit(1);
  return Boolean(row);
}

// --- Admins --------------------------------------------------------------------------------------

export type AdminCourseRow = Pick<Course, 'id' | 'title' | 'status' | 'updatedAt'> & { orgName: string; lessons: number; tenths: number; learners: number; completed: number };

const learnersOf = sql<number>`(SELECT count(DISTINCT ${lessonProgress.memberId})::int FROM ${lessonProgress} JOIN ${courseLessons} ON ${courseLessons.id} = ${lessonProgress.lessonId} WHERE ${courseLessons.courseId} = ${courses.id})`;
const completedOf = sql<number>`(SELECT count(*)::int FROM ${studyCredits} WHERE ${studyCredits.source} = 'course' AND ${studyCredits.sourceId} = ${courses.id})`;

export async function listAdminCourses(db: Executor, viewer: Viewer): Promise<AdminCourseRow[]> {
  if (!mayEditContent(viewer)) return [];
  return db
    .select({
      id: courses.id,
      title: courses.title,
      status: courses.status,
      updatedAt: courses.updatedAt,
      orgName: orgs.name,
      lessons: sql<number>`(SELECT count(*)::int FROM ${courseLessons} WHERE ${courseLessons.courseId} = ${courses.id})`,
      tenths: sql<number>`(SELECT coalesce(sum(${courseLessons.creditTenths}), 0)::int FROM ${courseLessons} WHERE ${courseLessons.courseId} = ${courses.id})`,
      learners: learnersOf,
      completed: completedOf,
    })
    .from(courses)
    .innerJoin(orgs, eq(orgs.id, courses.orgId))
    .where(inViewerScope(courses.orgId, viewer))
    .orderBy(desc(courses.updatedAt))
    .limit(500);
}

export type AdminCourse = Course & { orgName: string; lessons: (CourseLesson & { fileName: string | null })[]; learners: number; completed: number };

export async function getAdminCourse(db: Executor, viewer: Viewer, courseId: string): Promise<AdminCourse | null> {
  if (!mayEditContent(viewer) || !isUuid(courseId)) return null;
  const [row] = await db
    .select({ course: courses, orgName: orgs.name, orgPath: orgs.path, learners: learnersOf, completed: completedOf })
    .from(courses)
    .innerJoin(orgs, eq(orgs.id, courses.orgId))
    .where(eq(courses.id, courseId));
  if (!row || !orgPathInScope(viewer, row.orgPath)) return null;
  const lessons = await db
    .select({ lesson: courseLessons, fileName: sql<string | null>`(SELECT original_name FROM files WHERE files.id = ${courseLessons.fileId})` })
    .from(courseLessons)
    .where(eq(courseLessons.courseId, courseId))
    .orderBy(asc(courseLessons.position));
  return { ...row.course, orgName: row.orgName, learners: row.learners, completed: row.completed, lessons: lessons.map(({ lesson, fileName }) => ({ ...lesson, fileName })) };
}

/** The reads course pages make, on the app's database (routes never import the client themselves). */
export const coursePages = {
  memberCourses: (viewer: Viewer) => listMemberCourses(getDb(), viewer),
  yearCredits: (viewer: Viewer) => getYearCredits(getDb(), viewer),
  memberCourse: (viewer: Viewer, courseId: string) => getMemberCourse(getDb(), viewer, courseId),
  memberLesson: (viewer: Viewer, courseId: string, lessonId: string) => getMemberLesson(getDb(), viewer, courseId, lessonId),
  adminCourses: (viewer: Viewer) => listAdminCourses(getDb(), viewer),
  adminCourse: (viewer: Viewer, courseId: string) => getAdminCourse(getDb(), viewer, courseId),
};
