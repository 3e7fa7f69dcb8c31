import { inArray } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { courseLessons, courses, users } from '@/db/schema';
import type { LessonKind } from '@/lib/courses/course-rules';
import { renderMarkdown } from '@/lib/content/markdown';
import { saveUpload } from '@/lib/storage/queries';

// The demo county's 远程教育: a published county course of two text lessons and a short recorded
// 党课 (synthetic audio: a quiet tone, so the player has something real to play), and a town
// committee's course still in draft.

/** A mono 8-bit PCM WAV of `seconds` of a soft 220 Hz tone: a real recording the browser plays. */
export function demoWav(seconds: number): Uint8Array {
  const rate = 8000;
  const samples = rate * seconds;
  const bytes = new Uint8Array(44 + samples);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, text: string) => [...text].forEach((char, i) => view.setUint8(at + i, char.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + samples, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, rate, true);
  view.setUint32(28, rate, true); // bytes per second
  view.setUint16(32, 1, true); // block align
  view.setUint16(34, 8, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, samples, true);
  for (let i = 0; i < samples; i++) bytes[44 + i] = 128 + Math.round(12 * Math.sin((2 * Math.PI * 220 * i) / rate));
  return bytes;
}

type DemoLesson = { title: string; kind: LessonKind; tenths: number; body?: string; audioSeconds?: number };

const COUNTY_COURSE = {
  title: '学习《中国共产党党员教育管理工作条例》',
  summary: '面向全县流动党员的专题课程：条例要点、流动党员怎样参加组织生活、党员的权利和义务。学完计 2 学时。',
  lessons: [
    {
      title: '条例出台的背景和主要内容',
      kind: 'text',
      tenths: 10,
      body: `> 演示数据：以下为课程讲义摘编，正式文本以中共中央印发的文件为准。

## 一、为什么要制定条例
党员教育管理是党的建设基础性经常性工作。条例总结了党的十八大以来党员教育管理的实践经验，对新形势下加强和改进党员教育管理作出全面规范。

## 二、主要内容
1. **党员教育**：基本任务、主要内容和方式方法，明确党员每年集中学习培训时间一般不少于 32 学时。
2. **党员管理**：组织生活、民主评议、流动党员管理等。
3. **流动党员管理**：坚持以流出地党组织管理为主、流入地党组织协助管理，流出地和流入地党组织共同负责。

## 三、对流动党员的要求
外出前向党支部报告，外出后主动与党组织保持联系，按规定参加组织生活、交纳党费。`,
    },
    { title: '党课录音：流动党员怎样参加组织生活', kind: 'audio', tenths: 5, audioSeconds: 20 },
    {
      title: '党员的权利和义务',
      kind: 'text',
      tenths: 5,
      body: `> 演示数据：讲义摘编。

## 党员的义务
党章规定党员必须履行八项义务，包括认真学习、贯彻执行党的基本路线和各项方针政策、自觉遵守党的纪律、密切联系群众等。

## 党员的权利
党员享有八项权利，包括参加党的有关会议、在党的会议上参加讨论、行使表决权选举权被选举权等。

流动党员无论走到哪里，都要**牢记党员身份**，按时交纳党费，积极参加组织生活。`,
    },
  ] satisfies DemoLesson[],
};

const COMMITTEE_DRAFT = {
  title: '城关镇流动党员就业技能培训',
  summary: '汇编电工、焊工等工种的安全知识和求职信息。（草稿）',
  lessons: [{ title: '电工安全操作要点', kind: 'text', tenths: 10, body: '## 一、停电作业\n\n先验电，后挂接地线，悬挂警示牌。' }] satisfies DemoLesson[],
};

export async function seedDemoCourses(tx: Executor, now: Date = new Date()): Promise<number> {
  const admins = new Map(
    (await tx.select({ id: users.id, username: users.username, orgId: users.orgId }).from(users).where(inArray(users.username, ['county', 'committee']))).map((admin) => [admin.username, admin]),
  );
  let count = 0;
  for (const [plan, by, status] of [
    [COUNTY_COURSE, 'county', 'published'],
    [COMMITTEE_DRAFT, 'committee', 'draft'],
  ] as const) {
    const author = admins.get(by);
    if (!author?.orgId) continue;
    const publishedAt = new Date(now.getTime() - 3 * 86_400_000);
    const [course] = await tx
      .insert(courses)
      .values({ orgId: author.orgId, title: plan.title, summary: plan.summary, status, publishedAt: status === 'published' ? publishedAt : null, authorUserId: author.id, createdAt: publishedAt, updatedAt: publishedAt })
      .returning({ id: courses.id });
    for (const [index, lesson] of (plan.lessons as readonly DemoLesson[]).entries()) {
      let fileId: string | null = null;
      if (lesson.audioSeconds) {
        const saved = await saveUpload(tx, { bytes: demoWav(lesson.audioSeconds), originalName: `${lesson.title}.wav`, orgId: author.orgId, purpose: 'studyMaterial', uploadedBy: author.id });
        if (!saved.ok) throw new Error(`demo course audio: ${saved.message}`);
        fileId = saved.file.id;
      }
      const rendered = lesson.body ? renderMarkdown(lesson.body) : null;
      await tx.insert(courseLessons).values({
        courseId: course.id,
        position: index + 1,
        title: lesson.title,
        kind: lesson.kind,
        fileId,
        bodyMarkdown: lesson.body ?? '',
        bodyHtml: rendered?.html ?? '',
        textLength: rendered?.text.length ?? 0,
        durationSeconds: lesson.audioSeconds ?? 0,
        creditTenths: lesson.tenths,
      });
    }
    count++;
  }
  return count;
}
