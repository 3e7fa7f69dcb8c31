import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { BEAT_SECONDS, formatDuration, formatHours, minimumReadingSeconds, WATCHED_SHARE } from '@/lib/courses/course-rules';
import { coursePages } from '@/lib/courses/queries';
import { messages } from '@/lib/i18n/messages';
import { requireMember } from '../../../../archive/member-viewer';
import { LessonTracker } from './lesson-tracker';

export const metadata: Metadata = { title: messages.courses.member.title };

const t = messages.courses;

export default async function LessonPage({ params }: { params: Promise<{ id: string; lessonId: string }> }) {
  const { id, lessonId } = await params;
  const viewer = await requireMember(`/learn/courses/${id}/${lessonId}`);
  const lesson = await coursePages.memberLesson(viewer, id, lessonId);
  if (!lesson) notFound();
  const { course } = lesson;
  const index = course.lessons.findIndex((item) => item.id === lesson.id);
  const next = course.lessons[index + 1];
  const share = course.lessons[index]?.share ?? 0;
  const hint =
    lesson.kind === 'text'
      ? t.member.readHint(Math.max(1, Math.round(minimumReadingSeconds(lesson.textLength) / 60)))
      : lesson.kind === 'document'
        ? t.member.documentHint(Math.max(1, Math.round((lesson.durationSeconds * WATCHED_SHARE) / 60)))
        : t.member.playedHint;
  return (
    <article className="space-y-4">
      <Link href={`/learn/courses/${course.id}`} className="text-party text-lg underline">
        {course.title}
      </Link>
      <header className="space-y-1">
        <h1 className="text-2xl leading-snug font-bold">{`${lesson.position}. ${lesson.title}`}</h1>
        <p className="text-stone-600">
          {[t.lessonEditor.kinds[lesson.kind], lesson.kind === 'video' || lesson.kind === 'audio' ? formatDuration(lesson.durationSeconds) : null, t.course.lessonHours(formatHours(lesson.creditTenths))].filter(Boolean).join(' · ')}
        </p>
        <p className="text-stone-600">{hint}</p>
      </header>
      <LessonTracker
        courseId={course.id}
        lessonId={lesson.id}
        kind={lesson.kind}
        src={lesson.fileId ? `/files/${lesson.fileId}` : null}
        beatSeconds={BEAT_SECONDS}
        initial={{ share: lesson.progress.completed ? 1 : share, lessonComplete: lesson.progress.completed, courseComplete: course.completed }}
        nextHref={next ? `/learn/courses/${course.id}/${next.id}` : null}
        courseHref={`/learn/courses/${course.id}`}
        labels={{
          lessonComplete: t.member.lessonComplete,
          courseComplete: t.member.courseComplete(formatHours(course.tenths)),
          next: t.member.next,
          back: t.member.back,
          openDocument: t.member.openDocument,
          endOfText: t.member.endOfText,
          progress: t.member.progressLabel,
          beatFailed: t.errors.beat,
        }}
      >
        {lesson.kind === 'text' && <div className="prose-content rounded-2xl bg-white p-4 shadow-sm" dangerouslySetInnerHTML={{ __html: lesson.bodyHtml }} />}
      </LessonTracker>
    </article>
  );
}
