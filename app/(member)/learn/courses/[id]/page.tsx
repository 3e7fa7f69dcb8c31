import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { formatDuration, formatHours } from '@/lib/courses/course-rules';
import { coursePages } from '@/lib/courses/queries';
import { messages } from '@/lib/i18n/messages';
import { requireMember } from '../../../archive/member-viewer';

export const metadata: Metadata = { title: messages.courses.member.title };

const t = messages.courses;

export default async function CoursePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireMember(`/learn/courses/${id}`);
  const course = await coursePages.memberCourse(viewer, id);
  if (!course) notFound();
  const next = course.lessons.find((lesson) => !lesson.complete) ?? course.lessons[0];
  return (
    <div className="space-y-5">
      <Link href="/learn/courses" className="text-party text-lg underline">
        {t.member.backToCourses}
      </Link>
      <header className="space-y-2">
        <h1 className="text-2xl leading-snug font-bold">{course.title}</h1>
        <p className="text-stone-600">{`${course.orgName} · ${t.course.totalHours(formatHours(course.tenths))}`}</p>
        {course.summary && <p className="text-lg">{course.summary}</p>}
        {course.completed && <p className="font-semibold text-green-800">{t.member.completed}</p>}
      </header>
      {!course.completed && next && (
        <Link href={`/learn/courses/${course.id}/${next.id}`} className="bg-party flex min-h-12 items-center justify-center rounded-xl text-lg font-semibold text-white">
          {t.member.start}
        </Link>
      )}
      <ol className="divide-y divide-stone-100 rounded-2xl bg-white shadow-sm">
        {course.lessons.map((lesson) => (
          <li key={lesson.id}>
            <Link href={`/learn/courses/${course.id}/${lesson.id}`} className="flex min-h-16 items-center justify-between gap-3 p-4 active:bg-stone-100">
              <span className="min-w-0">
                <span className="block text-lg font-medium">{`${lesson.position}. ${lesson.title}`}</span>
                <span className="block text-stone-600">
                  {[t.lessonEditor.kinds[lesson.kind], lesson.durationSeconds > 0 && lesson.kind !== 'document' ? formatDuration(lesson.durationSeconds) : null, t.course.lessonHours(formatHours(lesson.creditTenths))].filter(Boolean).join(' · ')}
                </span>
              </span>
              <span className={`shrink-0 ${lesson.complete ? 'font-semibold text-green-800' : 'text-stone-600'}`}>
                {lesson.complete ? t.member.lessonDone : lesson.share > 0 ? t.member.lessonShare(Math.floor(lesson.share * 100)) : t.member.notStarted}
              </span>
            </Link>
          </li>
        ))}
      </ol>
    </div>
  );
}
