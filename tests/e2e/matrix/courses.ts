import { expect } from '@playwright/test';
import { mainOf, textOf } from '../../support/matrix-html';
import { every, only, type ActionRef, type ActionRow, type FormFields, type MatrixContext, type PageOutcome, type PageRow, type Role } from '../../support/matrix-types';

// 远程教育 (lib/courses/actions.ts, issue 6 §3). Content editors open courses for their own subtree
// and change a course only while it is a draft of their subtree; the member's lesson reports are
// the member's alone and only for a course offered to their branch. Host admins, the admin
// without capabilities and anonymous callers are refused everything.

const courseAction = (exportedName: string, pagePath = '/admin/courses/new'): ActionRef => ({ file: 'lib/courses/actions.ts', exportedName, pagePath });
const SAVE_COURSE = courseAction('saveCourseAction');
const SAVE_LESSON = courseAction('saveLessonAction', '/admin/courses');
const DELETE_LESSON = courseAction('deleteLessonAction', '/admin/courses');
const MOVE_LESSON = courseAction('moveLessonAction', '/admin/courses');
const SET_STATUS = courseAction('setCourseStatusAction', '/admin/courses');
const BEAT: ActionRef = { file: 'lib/courses/actions.ts', exportedName: 'lessonBeat', pagePath: '/learn/courses' };

const EDITORS: Role[] = ['scopedAdmin', 'otherSubtreeAdmin', 'countyAdmin'];
const IN_SCOPE: Role[] = ['scopedAdmin', 'countyAdmin'];
const DEMO_COURSE = '学习《中国共产党党员教育管理工作条例》';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

let sequence = 0;
const batch = Math.random().toString(36).slice(2, 6);
const unique = (ctx: MatrixContext) => `${ctx.run}${batch}${++sequence}`;

/** Posts as the role and insists it landed on the course page; returns the course id. */
async function courseDo(ctx: MatrixContext, role: Role, action: ActionRef, fields: FormFields): Promise<string> {
  const response = await ctx.post(role, action, fields);
  const id = new RegExp(`/admin/courses/(${UUID})\\?done=`).exec(response.redirectTo ?? '')?.[1];
  if (!id) throw new Error(`${role} could not ${action.exportedName}: ${JSON.stringify(response.result)}`);
  return id;
}

const textLesson = (courseId: string, title: string): FormFields => ({ courseId, title, kind: 'text', bodyMarkdown: `## ${title}\n\n矩阵测试讲义。`, hours: '1' });

type DraftCourse = { courseId: string; title: string; lessonIds: string[] };

/** A draft course of the target committee, written by its admin. */
async function draftCourse(ctx: MatrixContext): Promise<string> {
  return courseDo(ctx, 'scopedAdmin', SAVE_COURSE, { title: `矩阵测试课程${unique(ctx)}`, summary: '' });
}

/** A draft course of `role`'s subtree with two text lessons, in order (their ids read while it is a draft). */
async function courseWithLessons(ctx: MatrixContext, role: Role = 'scopedAdmin'): Promise<DraftCourse> {
  const title = `矩阵测试课程${unique(ctx)}`;
  const courseId = await courseDo(ctx, role, SAVE_COURSE, { title, summary: '' });
  for (const lesson of ['第一课时', '第二课时']) await courseDo(ctx, role, SAVE_LESSON, textLesson(courseId, lesson));
  return { courseId, title, lessonIds: await lessonIdsOf(ctx, courseId) };
}

/** The lesson ids in the order the county's page of a draft course lists them. */
async function lessonIdsOf(ctx: MatrixContext, courseId: string): Promise<string[]> {
  const html = await ctx.countyHtml(`/admin/courses/${courseId}`);
  return [...new Set([...html.matchAll(new RegExp(`/admin/courses/${courseId}/lessons/(${UUID})`, 'g'))].map((match) => match[1]))];
}

const coursePage = async (ctx: MatrixContext, courseId: string) => textOf(mainOf(await ctx.countyHtml(`/admin/courses/${courseId}`)));

const shared = new Map<string, Promise<unknown>>();
/** The refused roles share one target (made once); each allowed role gets its own. */
function targetFor<T>(ctx: MatrixContext, role: Role, allowed: Role[], kind: string, make: (ctx: MatrixContext) => Promise<T>): Promise<T> {
  if (allowed.includes(role)) return make(ctx);
  const key = `${ctx.baseURL} ${ctx.run} ${kind}`;
  if (!shared.has(key)) shared.set(key, make(ctx));
  return shared.get(key) as Promise<T>;
}

/** Once per run: a course `role` published with two lessons. */
function published(ctx: MatrixContext, role: Role): Promise<DraftCourse> {
  return targetFor(ctx, 'anonymous', [], `published by ${role}`, async () => {
    const course = await courseWithLessons(ctx, role);
    await courseDo(ctx, role, SET_STATUS, { courseId: course.courseId, to: 'published' });
    return course;
  });
}

/** The demo county course and its lessons, as the demo member's pages link them. */
async function demoCourse(ctx: MatrixContext): Promise<{ courseId: string; lessonIds: string[] }> {
  const list = await ctx.read('member', '/learn/courses');
  const courseId = new RegExp(`/learn/courses/(${UUID})"`).exec(list)?.[1];
  if (!courseId) throw new Error('the demo member is not offered the demo course');
  const page = await ctx.read('member', `/learn/courses/${courseId}`);
  return { courseId, lessonIds: [...new Set([...page.matchAll(new RegExp(`/learn/courses/${courseId}/(${UUID})`, 'g'))].map((match) => match[1]))] };
}

export const courseRows: ActionRow[] = [
  {
    ...SAVE_COURSE,
    label: 'opening a course for the own subtree',
    payload: (ctx) => ({ title: `矩阵测试课程${unique(ctx)}`, summary: '矩阵测试简介' }),
    expect: only(EDITORS, 'redirect', 'forbidden'),
    audit: 'course.create',
    probe: async (ctx, _role, fields) => String(textOf(mainOf(await ctx.countyHtml('/admin/courses'))).includes(String(fields!.title))),
    changes: true,
  },
  {
    ...SAVE_COURSE,
    label: 'renaming a draft course of the target committee',
    payload: async (ctx, role) => ({ courseId: await targetFor(ctx, role, IN_SCOPE, 'rename', draftCourse), title: `矩阵测试改名${unique(ctx)}`, summary: '' }),
    expect: only(IN_SCOPE, 'redirect', 'forbidden'),
    audit: 'course.edit',
    probe: (ctx, _role, fields) => coursePage(ctx, String(fields!.courseId)),
    changes: true,
    check: async (ctx, _role, _response, fields) => {
      expect(await coursePage(ctx, String(fields!.courseId))).toContain(String(fields!.title));
    },
  },
  {
    ...SAVE_LESSON,
    label: 'adding a text lesson to a draft course of the target committee',
    payload: async (ctx, role) => textLesson(await targetFor(ctx, role, IN_SCOPE, 'add-lesson', draftCourse), `矩阵测试课时${unique(ctx)}`),
    expect: only(IN_SCOPE, 'redirect', 'forbidden'),
    audit: 'course.lesson_add',
    probe: (ctx, _role, fields) => coursePage(ctx, String(fields!.courseId)),
    changes: true,
    check: async (ctx, _role, _response, fields) => {
      expect(await coursePage(ctx, String(fields!.courseId))).toContain(String(fields!.title));
    },
  },
  {
    ...SAVE_LESSON,
    label: 'a video lesson without its recording',
    payload: async (ctx) => ({ courseId: await targetFor(ctx, 'anonymous', [], 'bad-lesson', draftCourse), title: '没有视频的视频课时', kind: 'video', duration: '10:00', hours: '1' }),
    // Allowed callers are told what is missing; nothing is added for anyone.
    expect: only(IN_SCOPE, 'invalid', 'forbidden'),
    probe: (ctx, _role, fields) => coursePage(ctx, String(fields!.courseId)),
    check: async (_ctx, _role, response) => {
      expect(JSON.stringify(response.result)).toContain('视频课时须上传课件文件。');
    },
  },
  {
    ...MOVE_LESSON,
    payload: async (ctx, role) => {
      const course = await targetFor(ctx, role, IN_SCOPE, 'move', courseWithLessons);
      return { courseId: course.courseId, lessonId: course.lessonIds[0], direction: 'down' };
    },
    expect: only(IN_SCOPE, 'redirect', 'forbidden'),
    audit: 'course.lesson_move',
    probe: async (ctx, _role, fields) => (await lessonIdsOf(ctx, String(fields!.courseId))).join(),
    changes: true,
    check: async (ctx, _role, _response, fields) => {
      expect((await lessonIdsOf(ctx, String(fields!.courseId)))[1]).toBe(String(fields!.lessonId));
    },
  },
  {
    ...DELETE_LESSON,
    payload: async (ctx, role) => {
      const course = await targetFor(ctx, role, IN_SCOPE, 'delete', courseWithLessons);
      return { courseId: course.courseId, lessonId: course.lessonIds[0] };
    },
    expect: only(IN_SCOPE, 'redirect', 'forbidden'),
    audit: 'course.lesson_delete',
    probe: async (ctx, _role, fields) => (await lessonIdsOf(ctx, String(fields!.courseId))).join(),
    changes: true,
    check: async (ctx, _role, _response, fields) => {
      expect(await lessonIdsOf(ctx, String(fields!.courseId))).not.toContain(String(fields!.lessonId));
    },
  },
  {
    ...SET_STATUS,
    payload: async (ctx, role) => ({ courseId: (await targetFor(ctx, role, IN_SCOPE, 'publish', courseWithLessons)).courseId, to: 'published' }),
    expect: only(IN_SCOPE, 'redirect', 'forbidden'),
    audit: 'course.publish',
    probe: (ctx, _role, fields) => coursePage(ctx, String(fields!.courseId)),
    changes: true,
    // The demo member (a branch of the committee) now finds it among the courses.
    check: async (ctx, _role, _response, fields) => {
      const page = await coursePage(ctx, String(fields!.courseId));
      expect(page).toContain('状态：已发布');
      const title = /^(.*?)状态：/.exec(page.replace(/^返回远程教育/, ''))?.[1]?.trim() ?? '';
      expect(textOf(mainOf((await ctx.get('member', '/learn/courses')).html))).toContain(title);
    },
  },
  {
    ...BEAT,
    label: 'a reading report on a lesson of the committee’s course',
    payload: async (ctx) => {
      const course = await published(ctx, 'scopedAdmin');
      return { courseId: course.courseId, lessonId: course.lessonIds[0], event: 'view' };
    },
    expect: only(['member'], 'success', 'forbidden'),
  },
  {
    ...BEAT,
    label: 'a report on a course of another committee',
    payload: async (ctx) => {
      const course = await published(ctx, 'otherSubtreeAdmin');
      return { courseId: course.courseId, lessonId: course.lessonIds[0], event: 'view' };
    },
    expect: every('forbidden'),
  },
];

/** Editors' pages: content editors in; members 403, anonymous to the admin login. */
const editorsOnly: Record<Role, PageOutcome> = { ...every<PageOutcome>(200), anonymous: 'login', member: 403, noCapabilityAdmin: 403, hostAdmin: 403 };
/** A course of the target committee: its editors and the county; to anyone else there is none. */
const courseInScope: Record<Role, PageOutcome> = { ...every<PageOutcome>(404), anonymous: 'login', member: 403, scopedAdmin: 200, countyAdmin: 200 };
/** A member's learning page: the member login for anonymous callers, 403 for every admin. */
const readers: Record<Role, PageOutcome> = { ...every<PageOutcome>(403), anonymous: 'login', member: 200 };

const pageCourse = (ctx: MatrixContext) => targetFor(ctx, 'anonymous', [], 'page-course', (context) => courseWithLessons(context));

export const coursePageRows: PageRow[] = [
  { route: '/learn/courses', expect: readers, content: () => ({ member: { shows: [DEMO_COURSE, '学时'] } }) },
  { route: '/learn/courses/[id]', path: async (ctx) => `/learn/courses/${(await demoCourse(ctx)).courseId}`, expect: readers, content: () => ({ member: { shows: ['党课录音：流动党员怎样参加组织生活'] } }) },
  {
    route: '/learn/courses/[id]',
    label: 'a course of another committee',
    path: async (ctx) => `/learn/courses/${(await published(ctx, 'otherSubtreeAdmin')).courseId}`,
    expect: { ...readers, member: 404 },
  },
  {
    route: '/learn/courses/[id]/[lessonId]',
    path: async (ctx) => {
      const course = await demoCourse(ctx);
      return `/learn/courses/${course.courseId}/${course.lessonIds[0]}`;
    },
    expect: readers,
    content: () => ({ member: { shows: ['条例出台的背景和主要内容', '全文完'] } }),
  },
  { route: '/admin/courses', expect: editorsOnly },
  { route: '/admin/courses/new', expect: editorsOnly },
  { route: '/admin/courses/[id]', path: async (ctx) => `/admin/courses/${(await pageCourse(ctx)).courseId}`, expect: courseInScope, content: () => ({ scopedAdmin: { shows: ['第一课时', '发布课程'] } }) },
  { route: '/admin/courses/[id]/lessons/new', path: async (ctx) => `/admin/courses/${(await pageCourse(ctx)).courseId}/lessons/new`, expect: courseInScope },
  {
    route: '/admin/courses/[id]/lessons/[lessonId]',
    path: async (ctx) => {
      const course = await pageCourse(ctx);
      return `/admin/courses/${course.courseId}/lessons/${course.lessonIds[0]}`;
    },
    expect: courseInScope,
    content: () => ({ scopedAdmin: { shows: ['编辑课时'] } }),
  },
];
