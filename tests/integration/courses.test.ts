import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Database } from '@/db/client';
import { courseLessons, courses, lessonProgress, studyCredits } from '@/db/schema';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import type { ActionState } from '@/lib/actions/action-state';
import type { Capability, Tier, Viewer } from '@/lib/auth/viewer';
import { deleteLesson, moveLesson, saveCourse, saveLesson, setCourseStatus, type LessonInput } from '@/lib/courses/authoring';
import type { LessonEvent } from '@/lib/courses/course-rules';
import { beatResultOf, recordLessonBeat, type BeatResult } from '@/lib/courses/learning';
import { getAdminCourse, getMemberCourse, getMemberLesson, getYearCredits, listAdminCourses, listMemberCourses, mayReadCourseFile } from '@/lib/courses/queries';
import { messages } from '@/lib/i18n/messages';
import { getFileForViewer, saveUpload } from '@/lib/storage/queries';
import { bytes, u32be } from '@/tests/support/bytes';
import { pngBytes } from '@/tests/support/tiny-image';
import { beijingYear } from '@/lib/time/beijing';
import { adminWithAccount, demoCountyOrgs, memberWithAccount, type OrgRow } from '@/tests/support/demo-orgs';
import { auditRowsAfter, lastAuditRowId } from '@/tests/support/audit-rows';

// 远程教育 (issue 6 §3) on a real database (PGlite, and PostgreSQL when configured): an admin holding
// the content capability opens a course for its own subtree, adds video, text and document lessons
// and publishes it; the members below that org learn it, honestly tracked (a seek or a position
// running ahead of the clock earns nothing), and the report completing the last lesson credits the
// course's 学时 to the member's Beijing year, once. Every refused act leaves courses, lessons,
// progress, credits and the audit log as they were.
//
// The tests of a describe block run in order and build on each other (the course of the first is
// learnt in the next), as a member would meet them.


// Authoring happens at NOW (the start of the minute the file is loaded in). Learning is simulated
// by passing explicit instants to recordLessonBeat: it runs up to the next Beijing new year, so the
// report completing the course falls just after midnight in Beijing (16:00 UTC on 31 December),
// and the 学时 belong to the new year.
const NOW = new Date(Math.floor(Date.now() / 60_000) * 60_000);
const YEAR = beijingYear(NOW);
const NEW_YEAR = new Date(Date.UTC(YEAR + 1, 0, 1) - 8 * 3_600_000);
const plus = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);
const IP = '198.51.100.62';

const c = messages.courses;
const e = c.errors;
const r = c.results;
const FORBIDDEN = messages.actions.forbidden;
const INVALID = messages.actions.invalid;

let db: Database;
let root: OrgRow;
let committee: OrgRow; // the seed's 'committee' admin's 党委
let branch: OrgRow; // the seed's 'branch' admin's, under `committee`
let otherCommittee: OrgRow; // another 党委 under the root
let otherBranch: OrgRow; // a branch of `otherCommittee` that holds members

let county: Viewer;
let adminA: Viewer; // of `committee`
let adminB: Viewer; // of `otherCommittee`
let branchAdmin: Viewer; // of `branch`, below `committee`
let noContent: Viewer; // of `committee`, without the content capability

let inBranch: Viewer; // a member of `branch`
let inCommittee: Viewer; // a member of another branch of `committee`
let inOther: Viewer; // a member of a branch of `otherCommittee`

// Files the admins upload (purpose studyMaterial), filed under their orgs.
let videoA: string;
let pdfA: string;
let imageA: string;
let videoB: string;

const ctx = (viewer: Viewer | null, now: Date = NOW) => ({ viewer, ip: IP, now });

const adminViewer = (org: OrgRow, capabilities?: Capability[], tier?: Tier) => adminWithAccount(db, org, capabilities, tier);

const memberWhere = (condition: SQL, label: string) => memberWithAccount(db, condition, label);

// A tiny MP4 as lib/storage/file-type.ts recognises it: an 'ftyp' box with a video brand, then an empty 'mdat'.
const mp4Bytes = () => bytes(u32be(24), 'ftyp', 'isom', u32be(0x200), 'isom', 'mp41', u32be(8), 'mdat');
const pdfBytes = () => bytes('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

async function upload(viewer: Viewer, content: Uint8Array, name: string): Promise<string> {
  const saved = await saveUpload(db, { bytes: content, originalName: name, orgId: viewer.orgId, purpose: 'studyMaterial', uploadedBy: viewer.userId });
  if (!saved.ok) throw new Error(saved.message);
  return saved.file.id;
}

// ---- Authoring ----------------------------------------------------------------------------------

async function newCourse(viewer: Viewer, title: string, summary = ''): Promise<string> {
  const state = await saveCourse(db, ctx(viewer), { title, summary });
  if (state.status !== 'success' || !state.data?.courseId) throw new Error(`saveCourse: ${JSON.stringify(state)}`);
  return state.data.courseId;
}

type LessonFields = Omit<LessonInput, 'courseId'>;
const videoLesson = (fileId: string, overrides: Partial<LessonFields> = {}): LessonFields => ({ title: '第一课 新时代党员的初心使命', kind: 'video', fileId, bodyMarkdown: '', durationSeconds: 60, creditTenths: 10, ...overrides });
// 1,000 characters: a fast reader (20 a second) needs 50 seconds.
const LONG_TEXT = '在外党员要坚持学习。'.repeat(100);
const textLesson = (overrides: Partial<LessonFields> = {}): LessonFields => ({ title: '第二课 流动党员的组织生活', kind: 'text', bodyMarkdown: LONG_TEXT, durationSeconds: null, creditTenths: 5, ...overrides });
// A document's stated study time of one minute: 54 seconds visible (90%) complete it.
const documentLesson = (fileId: string, overrides: Partial<LessonFields> = {}): LessonFields => ({ title: '第三课 党员教育管理工作条例导读', kind: 'document', fileId, bodyMarkdown: '', durationSeconds: 60, creditTenths: 5, ...overrides });

const addLesson = (viewer: Viewer | null, courseId: string, lesson: LessonFields) => saveLesson(db, ctx(viewer), { courseId, ...lesson });

async function addLessonOk(viewer: Viewer, courseId: string, lesson: LessonFields): Promise<string> {
  const state = await addLesson(viewer, courseId, lesson);
  if (state.status !== 'success' || !state.data?.lessonId) throw new Error(`saveLesson: ${JSON.stringify(state)}`);
  return state.data.lessonId;
}

const publish = (viewer: Viewer | null, courseId: string, now: Date = NOW) => setCourseStatus(db, ctx(viewer, now), { courseId, to: 'published' });
const withdraw = (viewer: Viewer | null, courseId: string, now: Date = NOW) => setCourseStatus(db, ctx(viewer, now), { courseId, to: 'withdrawn' });

/** The lessons' titles in the order the admin's course page lists them, with their positions. */
const lessonOrder = async (courseId: string) => (await getAdminCourse(db, county, courseId))!.lessons.map((lesson) => `${lesson.position} ${lesson.title}`);

// ---- Learning -----------------------------------------------------------------------------------

async function beat(viewer: Viewer, courseId: string, lessonId: string, event: LessonEvent, now: Date, position?: number): Promise<BeatResult> {
  const state = await recordLessonBeat(db, { viewer, now }, { courseId, lessonId, event, ...(position === undefined ? {} : { position }) });
  const result = state.status === 'success' ? beatResultOf(state.data) : null;
  if (!result) throw new Error(`${event} at ${now.toISOString()}: ${JSON.stringify(state)}`);
  return result;
}

const creditRows = (viewer: Viewer) => db.select().from(studyCredits).where(eq(studyCredits.memberId, viewer.memberId!));
const progressRows = (viewer: Viewer) => db.select().from(lessonProgress).where(eq(lessonProgress.memberId, viewer.memberId!));
const memberCourseIds = async (viewer: Viewer) => (await listMemberCourses(db, viewer)).map((card) => card.id);

/**
 * Runs the reports side by side: another transaction holds the member's progress rows of these
 * lessons until every report waits for them, then lets them all go at once.
 */
async function concurrently<T>(viewer: Viewer, lessonIds: string[], reports: (() => Promise<T>)[]): Promise<T[]> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = () => {};
  const holding = new Promise<void>((resolve) => (held = resolve));
  const holder = db.transaction(async (tx) => {
    await tx.select().from(lessonProgress).where(and(eq(lessonProgress.memberId, viewer.memberId!), inArray(lessonProgress.lessonId, lessonIds))).for('update');
    held();
    await released;
  });
  await holding;
  const running = Promise.all(reports.map((report) => report()));
  await new Promise((resolve) => setTimeout(resolve, 300));
  release();
  await holder;
  return running;
}

// ---- Nothing changed ----------------------------------------------------------------------------

const lastAuditId = () => lastAuditRowId(db);
const auditAfter = (id: number) => auditRowsAfter(db, id);

const everything = async () => ({
  courses: await db.select().from(courses).orderBy(asc(courses.id)),
  lessons: await db.select().from(courseLessons).orderBy(asc(courseLessons.id)),
  progress: await db.select().from(lessonProgress).orderBy(asc(lessonProgress.memberId), asc(lessonProgress.lessonId)),
  credits: await db.select().from(studyCredits).orderBy(asc(studyCredits.id)),
});

/** A refused or invalid act leaves courses, lessons, progress and credits as they were, and writes no success row. */
async function expectNothingChanged(act: () => Promise<ActionState>, expected: ActionState): Promise<void> {
  const before = await everything();
  const audit = await lastAuditId();
  expect(await act()).toEqual(expected);
  expect(await everything()).toEqual(before);
  expect((await auditAfter(audit)).filter((row) => row.outcome === 'success')).toEqual([]);
}

beforeAll(async () => {
  db = getDb();
  await seedDemoCounty(db, { memberCount: 200 });
  ({ root, committee, branch, otherCommittee, otherBranch } = await demoCountyOrgs(db));

  county = await adminViewer(root, ['archive', 'content']);
  adminA = await adminViewer(committee);
  adminB = await adminViewer(otherCommittee);
  branchAdmin = await adminViewer(branch, ['archive', 'content']);
  noContent = await adminViewer(committee, ['archive', 'org_life']);

  inBranch = await memberWhere(sql`m.org_id = ${branch.id}`, 'in the demo branch');
  inCommittee = await memberWhere(sql`o.path <@ ${committee.path}::ltree AND m.org_id <> ${branch.id}`, 'in another branch of the committee');
  inOther = await memberWhere(sql`m.org_id = ${otherBranch.id}`, 'in the other committee');

  videoA = await upload(adminA, mp4Bytes(), '初心使命.mp4');
  pdfA = await upload(adminA, pdfBytes(), '条例导读.pdf');
  imageA = await upload(adminA, pngBytes(), '课程封面.png');
  videoB = await upload(adminB, mp4Bytes(), '陵前镇党课.mp4');
}, 120_000);

describe('a committee’s course, from authoring to 学时', () => {
  const TITLE = '城关镇流动党员冬训课程';
  let courseId: string;
  let video: string;
  let text: string;
  let document: string;

  it('is written as a draft with a video, a text and a document lesson, and reaches no member before it is published', async () => {
    expect(await saveCourse(db, ctx(adminA), { title: TITLE, summary: '冬训三课，学完计 2 学时。' })).toMatchObject({ status: 'success', message: r.saved });
    [{ id: courseId }] = await db.select({ id: courses.id }).from(courses).where(eq(courses.title, TITLE));
    expect(await db.select().from(courses).where(eq(courses.id, courseId))).toEqual([
      expect.objectContaining({ orgId: committee.id, title: TITLE, status: 'draft', publishedAt: null, authorUserId: adminA.userId, createdAt: NOW }),
    ]);

    expect(await addLesson(adminA, courseId, videoLesson(videoA))).toMatchObject({ status: 'success', message: r.lessonSaved, data: { courseId } });
    video = (await getAdminCourse(db, adminA, courseId))!.lessons[0].id;
    text = await addLessonOk(adminA, courseId, textLesson());
    document = await addLessonOk(adminA, courseId, documentLesson(pdfA));

    const admin = (await getAdminCourse(db, adminA, courseId))!;
    expect(admin).toMatchObject({ orgName: committee.name, status: 'draft', learners: 0, completed: 0 });
    expect(admin.lessons.map(({ position, kind, fileId, fileName, durationSeconds, textLength, creditTenths }) => ({ position, kind, fileId, fileName, durationSeconds, textLength, creditTenths }))).toEqual([
      { position: 1, kind: 'video', fileId: videoA, fileName: '初心使命.mp4', durationSeconds: 60, textLength: 0, creditTenths: 10 },
      { position: 2, kind: 'text', fileId: null, fileName: null, durationSeconds: 0, textLength: 1000, creditTenths: 5 },
      { position: 3, kind: 'document', fileId: pdfA, fileName: '条例导读.pdf', durationSeconds: 60, textLength: 0, creditTenths: 5 },
    ]);
    expect(admin.lessons[1].bodyHtml).toBe(`<p>${LONG_TEXT}</p>\n`);

    // A draft is the admins' only.
    for (const member of [inBranch, inCommittee]) {
      expect(await memberCourseIds(member)).not.toContain(courseId);
      expect(await getMemberCourse(db, member, courseId)).toBeNull();
      expect(await mayReadCourseFile(db, member, videoA)).toBe(false);
      expect(await getFileForViewer(db, { viewer: member, fileId: videoA })).toBeNull();
    }
    await expectNothingChanged(() => recordLessonBeat(db, { viewer: inBranch, now: NOW }, { courseId, lessonId: video, event: 'start', position: 0 }), { status: 'forbidden', message: e.lessonNotFound });
  });

  it('is published (audited) to the committee’s members, and stays out of another committee’s reach', async () => {
    const before = await lastAuditId();
    expect(await publish(adminA, courseId)).toEqual({ status: 'success', message: r.published, data: { courseId } });
    expect(await auditAfter(before)).toEqual([
      { action: 'course.publish', outcome: 'success', entity_type: 'course', entity_id: courseId, org_id: committee.id, actor_user_id: adminA.userId, detail: { title: TITLE } },
    ]);
    expect((await db.select().from(courses).where(eq(courses.id, courseId)))[0]).toMatchObject({ status: 'published', publishedAt: NOW, updatedAt: NOW });

    const card = { id: courseId, title: TITLE, summary: '冬训三课，学完计 2 学时。', coverFileId: null, orgName: committee.name, lessons: 3, tenths: 20, done: 0, completed: false };
    for (const member of [inBranch, inCommittee]) {
      expect((await listMemberCourses(db, member)).find((row) => row.id === courseId), member.displayName).toEqual(card);
      const course = (await getMemberCourse(db, member, courseId))!;
      expect(course).toMatchObject({ title: TITLE, tenths: 20, completed: false });
      expect(course.lessons.map((lesson) => [lesson.id, lesson.kind, lesson.complete, lesson.share])).toEqual([
        [video, 'video', false, 0],
        [text, 'text', false, 0],
        [document, 'document', false, 0],
      ]);
      expect(await mayReadCourseFile(db, member, videoA)).toBe(true);
      expect(await mayReadCourseFile(db, member, pdfA)).toBe(true);
      // The lesson's file downloads through the platform's storage, bytes as uploaded.
      const download = await getFileForViewer(db, { viewer: member, fileId: videoA });
      expect(download?.file.mime).toBe('video/mp4');
      expect(Buffer.from(download!.bytes).equals(Buffer.from(mp4Bytes()))).toBe(true);
    }

    // A member under another committee: not listed, not openable, no file, no progress recorded.
    expect(await memberCourseIds(inOther)).not.toContain(courseId);
    expect(await getMemberCourse(db, inOther, courseId)).toBeNull();
    expect(await getMemberLesson(db, inOther, courseId, video)).toBeNull();
    for (const fileId of [videoA, pdfA]) {
      expect(await mayReadCourseFile(db, inOther, fileId)).toBe(false);
      expect(await getFileForViewer(db, { viewer: inOther, fileId })).toBeNull();
    }
    for (const [lessonId, event, position] of [
      [video, 'start', 0],
      [video, 'ended', 60],
      [text, 'view', undefined],
      [text, 'reached_end', undefined],
      [document, 'opened_file', undefined],
    ] as const) {
      await expectNothingChanged(() => recordLessonBeat(db, { viewer: inOther, now: NOW }, { courseId, lessonId, event, position }), { status: 'forbidden', message: e.lessonNotFound });
    }
    expect(await progressRows(inOther)).toEqual([]);
    expect(await creditRows(inOther)).toEqual([]);
    // Nor does an admin's account learn.
    await expectNothingChanged(() => recordLessonBeat(db, { viewer: adminA, now: NOW }, { courseId, lessonId: text, event: 'view' }), { status: 'forbidden', message: FORBIDDEN });

    // The admins' lists: the committee's and the county's, not the other committee's.
    expect((await listAdminCourses(db, adminA)).map((row) => row.id)).toContain(courseId);
    expect((await listAdminCourses(db, county)).find((row) => row.id === courseId)).toMatchObject({ status: 'published', orgName: committee.name, lessons: 3, tenths: 20, learners: 0, completed: 0 });
    expect((await listAdminCourses(db, adminB)).map((row) => row.id)).not.toContain(courseId);
    expect(await getAdminCourse(db, adminB, courseId)).toBeNull();
    expect(await getAdminCourse(db, branchAdmin, courseId)).toBeNull();
  });

  // The video is watched from two hours before the Beijing new year.
  const V = plus(NEW_YEAR, -2 * 3600);

  it('does not count a video skipped to its end, nor a position far ahead of the clock', async () => {
    expect(await beat(inBranch, courseId, video, 'start', V, 0)).toEqual({ share: 0, lessonComplete: false, courseComplete: false, creditedTenths: 0 });
    // Dragged to the end, then the player's 'ended'.
    expect(await beat(inBranch, courseId, video, 'seeked', plus(V, 2), 60)).toMatchObject({ share: 0, lessonComplete: false });
    expect(await beat(inBranch, courseId, video, 'ended', plus(V, 3), 60)).toEqual({ share: 0, lessonComplete: false, courseComplete: false, creditedTenths: 0 });
    // A forged 'ended' straight after starting, without the seek.
    await beat(inBranch, courseId, video, 'start', plus(V, 10), 0);
    expect(await beat(inBranch, courseId, video, 'ended', plus(V, 11), 60)).toMatchObject({ share: 0, lessonComplete: false });
    // Ten seconds of clock, 55 of video: more than double speed allows.
    await beat(inBranch, courseId, video, 'start', plus(V, 20), 0);
    expect(await beat(inBranch, courseId, video, 'tick', plus(V, 30), 55)).toEqual({ share: 0, lessonComplete: false, courseComplete: false, creditedTenths: 0 });

    const [progress] = await progressRows(inBranch);
    expect(progress).toMatchObject({ lessonId: video, watched: '000000000000', completedAt: null, startedAt: V });
    expect((await getMemberCourse(db, inBranch, courseId))!.lessons[0]).toMatchObject({ complete: false, share: 0 });
    expect(await creditRows(inBranch)).toEqual([]);
    expect(await getYearCredits(db, inBranch, plus(V, 30))).toEqual({ year: YEAR, tenths: 0, entries: [] });
  });

  it('completes a video played through in real time, a text read through, a document kept open, and credits the course’s 学时 once', async () => {
    // Video: a tick every ten seconds of simulated time, from the start to the end.
    const H = plus(V, 60);
    await beat(inBranch, courseId, video, 'start', H, 0);
    for (let second = 10; second <= 50; second += 10) {
      expect(await beat(inBranch, courseId, video, 'tick', plus(H, second), second)).toMatchObject({ share: Number(((second / 5) / 12).toFixed(3)), lessonComplete: false });
    }
    expect(await beat(inBranch, courseId, video, 'ended', plus(H, 60), 60)).toEqual({ share: 1, lessonComplete: true, courseComplete: false, creditedTenths: 0 });

    // Text: its end reached after five seconds is too soon (1,000 characters take at least 50).
    const X = plus(V, 600);
    expect(await beat(inBranch, courseId, text, 'view', X)).toEqual({ share: 0, lessonComplete: false, courseComplete: false, creditedTenths: 0 });
    expect(await beat(inBranch, courseId, text, 'reached_end', plus(X, 5))).toEqual({ share: 0.1, lessonComplete: false, courseComplete: false, creditedTenths: 0 });
    // A minute hidden counts one beat's worth (15 s), no more.
    expect(await beat(inBranch, courseId, text, 'visible', plus(X, 65))).toMatchObject({ share: 0.4, lessonComplete: false });
    expect(await beat(inBranch, courseId, text, 'visible', plus(X, 75))).toMatchObject({ share: 0.6, lessonComplete: false });
    expect(await beat(inBranch, courseId, text, 'visible', plus(X, 85))).toMatchObject({ share: 0.8, lessonComplete: false });
    expect(await beat(inBranch, courseId, text, 'reached_end', plus(X, 95))).toEqual({ share: 1, lessonComplete: true, courseComplete: false, creditedTenths: 0 });
    expect((await listMemberCourses(db, inBranch)).find((card) => card.id === courseId)).toMatchObject({ done: 2, completed: false });
    expect(await creditRows(inBranch)).toEqual([]);

    // Document: opened half a minute before the Beijing new year, kept visible into it.
    const D = plus(NEW_YEAR, -30);
    await beat(inBranch, courseId, document, 'view', D);
    // Time on the page without the document opened does not complete it.
    expect(await beat(inBranch, courseId, document, 'visible', plus(D, 10))).toMatchObject({ lessonComplete: false });
    expect(await beat(inBranch, courseId, document, 'opened_file', plus(D, 15))).toMatchObject({ lessonComplete: false });
    for (const second of [25, 35, 45]) expect(await beat(inBranch, courseId, document, 'visible', plus(D, second))).toMatchObject({ lessonComplete: false, courseComplete: false });
    const done = plus(D, 55); // 55 s visible ≥ 54
    expect(await beat(inBranch, courseId, document, 'visible', done)).toEqual({ share: 1, lessonComplete: true, courseComplete: true, creditedTenths: 20 });

    // The 2 学时 count in the Beijing year the course was completed in, not the one before.
    expect(await getYearCredits(db, inBranch, done)).toEqual({ year: YEAR + 1, tenths: 20, entries: [{ title: TITLE, tenths: 20, creditedAt: done, source: 'course' }] });
    expect(await getYearCredits(db, inBranch, plus(NEW_YEAR, -1))).toEqual({ year: YEAR, tenths: 0, entries: [] });
    expect(await getYearCredits(db, inCommittee, done)).toEqual({ year: YEAR + 1, tenths: 0, entries: [] });
    expect((await listMemberCourses(db, inBranch)).find((card) => card.id === courseId)).toMatchObject({ done: 3, tenths: 20, completed: true });
    expect(await getMemberCourse(db, inBranch, courseId)).toMatchObject({ completed: true, lessons: [{ complete: true, share: 1 }, { complete: true, share: 1 }, { complete: true, share: 1 }] });

    // Further reports, on every lesson, never credit again.
    expect(await beat(inBranch, courseId, document, 'visible', plus(done, 10))).toEqual({ share: 1, lessonComplete: true, courseComplete: true, creditedTenths: 0 });
    expect(await beat(inBranch, courseId, text, 'reached_end', plus(done, 20))).toEqual({ share: 1, lessonComplete: true, courseComplete: true, creditedTenths: 0 });
    await beat(inBranch, courseId, video, 'start', plus(done, 30), 0);
    for (let second = 10; second <= 60; second += 10) {
      expect(await beat(inBranch, courseId, video, 'tick', plus(done, 30 + second), second)).toEqual({ share: 1, lessonComplete: true, courseComplete: true, creditedTenths: 0 });
    }
    expect(await creditRows(inBranch)).toEqual([expect.objectContaining({ year: YEAR + 1, source: 'course', sourceId: courseId, title: TITLE, tenths: 20, creditedAt: done })]);
    expect((await db.select().from(lessonProgress).where(eq(lessonProgress.memberId, inBranch.memberId!))).map((row) => row.completedAt?.toISOString()).sort()).toEqual(
      [plus(H, 60), plus(X, 95), done].map((instant) => instant.toISOString()).sort(),
    );
    expect((await listAdminCourses(db, adminA)).find((row) => row.id === courseId)).toMatchObject({ learners: 1, completed: 1 });
  });

  it('is locked once published: its lessons cannot be added, edited, removed or reordered', async () => {
    const locked: ActionState = { status: 'failed', message: e.locked };
    await expectNothingChanged(() => addLesson(adminA, courseId, textLesson({ title: '补充一课' })), locked);
    await expectNothingChanged(() => addLesson(adminA, courseId, { ...textLesson({ title: '改写' }), lessonId: text }), locked);
    await expectNothingChanged(() => deleteLesson(db, ctx(adminA), { courseId, lessonId: text }), locked);
    await expectNothingChanged(() => moveLesson(db, ctx(adminA), { courseId, lessonId: text, direction: 'up' }), locked);
    await expectNothingChanged(() => publish(adminA, courseId), { status: 'failed', message: e.notDraft });
  });

  it('once withdrawn, reaches no member any more, and the 学时 already earned stay', async () => {
    await expectNothingChanged(() => withdraw(adminB, courseId, plus(NEW_YEAR, 3600)), { status: 'forbidden', message: e.notFound });
    const before = await lastAuditId();
    expect(await withdraw(adminA, courseId, plus(NEW_YEAR, 3600))).toEqual({ status: 'success', message: r.withdrawn, data: { courseId } });
    expect(await auditAfter(before)).toEqual([
      { action: 'course.withdraw', outcome: 'success', entity_type: 'course', entity_id: courseId, org_id: committee.id, actor_user_id: adminA.userId, detail: { title: TITLE } },
    ]);
    for (const member of [inBranch, inCommittee]) {
      expect(await memberCourseIds(member)).not.toContain(courseId);
      expect(await getMemberCourse(db, member, courseId)).toBeNull();
      expect(await mayReadCourseFile(db, member, videoA)).toBe(false);
      expect(await getFileForViewer(db, { viewer: member, fileId: pdfA })).toBeNull();
      await expectNothingChanged(() => recordLessonBeat(db, { viewer: member, now: plus(NEW_YEAR, 3700) }, { courseId, lessonId: text, event: 'view' }), { status: 'forbidden', message: e.lessonNotFound });
    }
    expect(await getYearCredits(db, inBranch, plus(NEW_YEAR, 3700))).toEqual({ year: YEAR + 1, tenths: 20, entries: [{ title: TITLE, tenths: 20, creditedAt: plus(NEW_YEAR, 25), source: 'course' }] });
    // The admins still see it, withdrawn; it is neither withdrawn twice nor published again.
    expect((await getAdminCourse(db, adminA, courseId))!.status).toBe('withdrawn');
    await expectNothingChanged(() => withdraw(adminA, courseId), { status: 'failed', message: e.notPublished });
    await expectNothingChanged(() => publish(adminA, courseId), { status: 'failed', message: e.notDraft });
    await expectNothingChanged(() => addLesson(adminA, courseId, textLesson({ title: '补充一课' })), { status: 'failed', message: e.locked });
  });
});

describe('authoring refusals', () => {
  let draftId: string;
  let draftLesson: string;
  let publishedId: string;

  beforeAll(async () => {
    draftId = await newCourse(adminA, '城关镇党员教育（筹备中）');
    draftLesson = await addLessonOk(adminA, draftId, videoLesson(videoA));
    publishedId = await newCourse(adminA, '城关镇党史学习');
    await addLessonOk(adminA, publishedId, textLesson());
    expect(await publish(adminA, publishedId)).toMatchObject({ status: 'success' });
  });

  it('refuses another committee’s admin, and a branch admin below the course’s org, on every act', async () => {
    const notFound: ActionState = { status: 'forbidden', message: e.notFound };
    for (const viewer of [adminB, branchAdmin]) {
      await expectNothingChanged(() => saveCourse(db, ctx(viewer), { courseId: draftId, title: '改写', summary: '' }), notFound);
      await expectNothingChanged(() => addLesson(viewer, draftId, textLesson({ title: '塞进来的一课' })), notFound);
      await expectNothingChanged(() => addLesson(viewer, draftId, { ...videoLesson(videoA, { title: '改写' }), lessonId: draftLesson }), notFound);
      await expectNothingChanged(() => deleteLesson(db, ctx(viewer), { courseId: draftId, lessonId: draftLesson }), notFound);
      await expectNothingChanged(() => moveLesson(db, ctx(viewer), { courseId: draftId, lessonId: draftLesson, direction: 'down' }), notFound);
      await expectNothingChanged(() => publish(viewer, draftId), notFound);
      await expectNothingChanged(() => withdraw(viewer, publishedId), notFound);
      expect(await getAdminCourse(db, viewer, draftId)).toBeNull();
      expect((await listAdminCourses(db, viewer)).map((row) => row.id)).not.toContain(draftId);
    }
    await expectNothingChanged(() => saveCourse(db, ctx(adminA), { courseId: '00000000-0000-4000-8000-000000000000', title: '改写', summary: '' }), notFound);
    // The county sees every committee's courses.
    expect(await getAdminCourse(db, county, draftId)).toMatchObject({ title: '城关镇党员教育（筹备中）', orgName: committee.name });
  });

  it('refuses members, admins without the content capability, host admins and callers who are not signed in', async () => {
    const hostAdmin = await adminViewer(otherCommittee, ['content'], 'host_admin');
    const refused: ActionState = { status: 'forbidden', message: FORBIDDEN };
    for (const viewer of [noContent, inBranch, hostAdmin, null, { ...inBranch, capabilities: ['content'] } satisfies Viewer]) {
      await expectNothingChanged(() => saveCourse(db, ctx(viewer), { title: '无权开设的课程', summary: '' }), refused);
      await expectNothingChanged(() => saveCourse(db, ctx(viewer), { courseId: draftId, title: '改写', summary: '' }), refused);
      await expectNothingChanged(() => addLesson(viewer, draftId, textLesson()), refused);
      await expectNothingChanged(() => deleteLesson(db, ctx(viewer), { courseId: draftId, lessonId: draftLesson }), refused);
      await expectNothingChanged(() => moveLesson(db, ctx(viewer), { courseId: draftId, lessonId: draftLesson, direction: 'down' }), refused);
      await expectNothingChanged(() => publish(viewer, draftId), refused);
      await expectNothingChanged(() => withdraw(viewer, publishedId), refused);
    }
    for (const viewer of [noContent, inBranch]) {
      expect(await listAdminCourses(db, viewer)).toEqual([]);
      expect(await getAdminCourse(db, viewer, draftId)).toBeNull();
    }
  });

  it('refuses a lesson whose file does not fit its kind, or is missing, or another committee’s; and a text lesson without a body', async () => {
    const bad = (fieldErrors: Record<string, string[]>): ActionState => ({ status: 'invalid', message: INVALID, fieldErrors });
    const kinds = c.lessonEditor.kinds;
    await expectNothingChanged(() => addLesson(adminA, draftId, videoLesson(imageA)), bad({ fileId: [e.fileKind(kinds.video)] }));
    expect(e.fileKind(kinds.video)).toBe('这个文件不是视频，请重新上传。');
    await expectNothingChanged(() => addLesson(adminA, draftId, documentLesson(videoA)), bad({ fileId: [e.fileKind(kinds.document)] }));
    await expectNothingChanged(() => addLesson(adminA, draftId, videoLesson(pdfA, { kind: 'audio' })), bad({ fileId: [e.fileKind(kinds.audio)] }));
    // Editing the existing lesson to an image is refused alike.
    await expectNothingChanged(() => addLesson(adminA, draftId, { ...videoLesson(imageA), lessonId: draftLesson }), bad({ fileId: [e.fileKind(kinds.video)] }));
    await expectNothingChanged(() => addLesson(adminA, draftId, videoLesson(videoB)), bad({ fileId: [e.fileUnusable] }));
    await expectNothingChanged(() => addLesson(adminA, draftId, videoLesson('00000000-0000-4000-8000-000000000000')), bad({ fileId: [e.fileUnusable] }));
    await expectNothingChanged(() => addLesson(adminA, draftId, videoLesson(videoA, { fileId: undefined })), bad({ fileId: [e.fileRequired(kinds.video)] }));
    await expectNothingChanged(() => addLesson(adminA, draftId, videoLesson(videoA, { durationSeconds: null })), bad({ duration: [e.duration] }));
    for (const body of ['', '  \n\t ']) {
      await expectNothingChanged(() => addLesson(adminA, draftId, textLesson({ bodyMarkdown: body })), bad({ bodyMarkdown: [e.bodyRequired] }));
    }
    expect(e.bodyRequired).toBe('图文课时须填写正文。');
    // A cover must be an image of the writer's subtree.
    await expectNothingChanged(() => saveCourse(db, ctx(adminA), { courseId: draftId, title: '城关镇党员教育（筹备中）', summary: '', coverFileId: pdfA }), bad({ coverFileId: [e.cover] }));
    expect(await saveCourse(db, ctx(adminA), { courseId: draftId, title: '城关镇党员教育（筹备中）', summary: '', coverFileId: imageA })).toMatchObject({ status: 'success' });
  });

  it('refuses to publish a course without lessons', async () => {
    const empty = await newCourse(adminA, '还没有课时的课程');
    await expectNothingChanged(() => publish(adminA, empty), { status: 'failed', message: e.noLessons });
    expect(e.noLessons).toBe('课程还没有课时，不能发布。');
    await expectNothingChanged(() => withdraw(adminA, empty), { status: 'failed', message: e.notPublished });
    expect((await db.select({ status: courses.status }).from(courses).where(eq(courses.id, empty)))[0].status).toBe('draft');
  });

  it('moves lessons up and down, and closes the gap a removed lesson leaves', async () => {
    const id = await newCourse(adminA, '三会一课专题');
    const one = await addLessonOk(adminA, id, textLesson({ title: '支部党员大会' }));
    const two = await addLessonOk(adminA, id, textLesson({ title: '支部委员会' }));
    const three = await addLessonOk(adminA, id, textLesson({ title: '党小组会' }));
    expect(await lessonOrder(id)).toEqual(['1 支部党员大会', '2 支部委员会', '3 党小组会']);

    expect(await moveLesson(db, ctx(adminA), { courseId: id, lessonId: three, direction: 'up' })).toEqual({ status: 'success', message: r.moved, data: { courseId: id } });
    expect(await lessonOrder(id)).toEqual(['1 支部党员大会', '2 党小组会', '3 支部委员会']);
    expect(await moveLesson(db, ctx(adminA), { courseId: id, lessonId: one, direction: 'down' })).toMatchObject({ status: 'success' });
    expect(await lessonOrder(id)).toEqual(['1 党小组会', '2 支部党员大会', '3 支部委员会']);
    // Past either end, or a lesson of another course: refused, nothing moves.
    await expectNothingChanged(() => moveLesson(db, ctx(adminA), { courseId: id, lessonId: three, direction: 'up' }), { status: 'failed', message: e.position });
    await expectNothingChanged(() => moveLesson(db, ctx(adminA), { courseId: id, lessonId: two, direction: 'down' }), { status: 'failed', message: e.position });
    await expectNothingChanged(() => moveLesson(db, ctx(adminA), { courseId: id, lessonId: draftLesson, direction: 'up' }), { status: 'forbidden', message: e.lessonNotFound });
    await expectNothingChanged(() => deleteLesson(db, ctx(adminA), { courseId: id, lessonId: draftLesson }), { status: 'forbidden', message: e.lessonNotFound });

    expect(await deleteLesson(db, ctx(adminA), { courseId: id, lessonId: one })).toEqual({ status: 'success', message: r.lessonDeleted, data: { courseId: id } });
    expect(await lessonOrder(id)).toEqual(['1 党小组会', '2 支部委员会']);
    // A lesson added afterwards goes at the end, with no gap.
    await addLessonOk(adminA, id, textLesson({ title: '党课' }));
    expect(await lessonOrder(id)).toEqual(['1 党小组会', '2 支部委员会', '3 党课']);
    await deleteLesson(db, ctx(adminA), { courseId: id, lessonId: three });
    expect(await lessonOrder(id)).toEqual(['1 支部委员会', '2 党课']);

    // Members take the lessons in that order once it is published.
    expect(await publish(adminA, id)).toMatchObject({ status: 'success' });
    expect((await getMemberCourse(db, inCommittee, id))!.lessons.map((lesson) => `${lesson.position} ${lesson.title}`)).toEqual(['1 支部委员会', '2 党课']);
  });
});

describe('forged and concurrent reports', () => {
  // The jitter allowance (BEAT_SLACK_SECONDS) must not add up over many quick beats: beats a
  // fraction of a second apart, each 3 s further, would otherwise credit a video at many times real
  // speed. No more than double speed (plus a slack never larger than the time itself) is credited.
  it('does not complete a video from ticks 100 ms apart that each advance it 3 s (30× real time)', async () => {
    const id = await newCourse(adminA, '快进测试课程');
    const lessonId = await addLessonOk(adminA, id, videoLesson(videoA));
    await addLessonOk(adminA, id, textLesson());
    expect(await publish(adminA, id)).toMatchObject({ status: 'success' });
    const T = plus(NEW_YEAR, 7200);
    await beat(inCommittee, id, lessonId, 'start', T, 0);
    let last: BeatResult | undefined;
    for (let i = 1; i <= 20; i++) last = await beat(inCommittee, id, lessonId, 'tick', plus(T, i / 10), 3 * i);
    // Two seconds of clock at double speed: at most 4 s (one slice of twelve) of a 60 s video.
    expect(last!.lessonComplete).toBe(false);
    expect(last!.share).toBeLessThan(0.2);
  });

  // Two reports completing the last two lessons at once (two tabs) must not each see the other
  // lesson unfinished and leave the course uncredited. The race is forced by holding both progress
  // rows until both reports wait for them (on PGlite's one connection they simply run in turn); it
  // is tried on four fresh courses, each of which must be credited exactly once.
  it('credits the course once when its last two lessons complete in concurrent reports', async () => {
    for (let attempt = 0; attempt < 4; attempt++) {
      const id = await newCourse(adminA, `两课时并发测试课程${attempt + 1}`);
      const first = await addLessonOk(adminA, id, textLesson({ title: '短文一', bodyMarkdown: '坚持学习，不忘初心。', creditTenths: 5 }));
      const second = await addLessonOk(adminA, id, textLesson({ title: '短文二', bodyMarkdown: '牢记使命，永远奋斗。', creditTenths: 5 }));
      expect(await publish(adminA, id)).toMatchObject({ status: 'success' });
      // Each short text needs 30 s; both are read for 20 s in two tabs, then both ends are reached together.
      const Q = plus(NEW_YEAR, 10_800 + attempt * 600);
      for (const lessonId of [first, second]) {
        await beat(inCommittee, id, lessonId, 'view', Q);
        await beat(inCommittee, id, lessonId, 'visible', plus(Q, 10));
        await beat(inCommittee, id, lessonId, 'visible', plus(Q, 20));
      }
      const results = await concurrently(
        inCommittee,
        [first, second],
        [first, second].map((lessonId) => () => beat(inCommittee, id, lessonId, 'reached_end', plus(Q, 30))),
      );
      expect(results.map((result) => result.lessonComplete)).toEqual([true, true]);
      // A later report finds the course complete.
      expect(await beat(inCommittee, id, first, 'visible', plus(Q, 40)), `attempt ${attempt + 1}`).toMatchObject({ courseComplete: true });
      expect((await creditRows(inCommittee)).filter((row) => row.sourceId === id).map((row) => row.tenths), `attempt ${attempt + 1}`).toEqual([10]);
      expect(results.map((result) => result.creditedTenths).sort()).toEqual([0, 10]);
    }
  });
});
