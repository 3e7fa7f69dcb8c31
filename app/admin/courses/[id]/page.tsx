import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireAdminViewer } from '@/lib/auth/guards';
import { formatDuration, formatHours } from '@/lib/courses/course-rules';
import { coursePages } from '@/lib/courses/queries';
import { messages } from '@/lib/i18n/messages';
import { formatBeijingDateTime } from '@/lib/time/beijing';
import { CourseForm, CourseStatusForm, LessonActions } from '../course-forms';

export const metadata: Metadata = { title: messages.courses.admin.title };

const t = messages.courses;
const DONE = ['saved', 'lessonSaved', 'lessonDeleted', 'moved', 'published', 'withdrawn'] as const;

export default async function CourseAdminPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> }) {
  const { id } = await params;
  const asked = (await searchParams).done;
  const done = DONE.find((outcome) => outcome === asked);
  const viewer = await requireAdminViewer(`/admin/courses/${id}`);
  const course = await coursePages.adminCourse(viewer, id);
  if (!course) notFound();
  const draft = course.status === 'draft';
  const tenths = course.lessons.reduce((total, lesson) => total + lesson.creditTenths, 0);
  return (
    <div className="max-w-5xl space-y-6">
      <Link href="/admin/courses" className="text-party underline">
        {t.admin.back}
      </Link>
      {done && (
        <p role="status" className="rounded-lg border border-green-700/30 bg-green-50 p-3 text-green-900">
          {t.results[done]}
        </p>
      )}
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{course.title}</h1>
        <p className="text-stone-600">
          {`${t.admin.columns.status}：${t.admin.statuses[course.status]} · ${t.course.audience(course.orgName)} · ${t.course.totalHours(formatHours(tenths))}`}
          {course.publishedAt && ` · ${formatBeijingDateTime(course.publishedAt)}`}
        </p>
        {course.status !== 'draft' && <p className="text-stone-600">{t.course.stats(course.learners, course.completed)}</p>}
      </div>

      <section aria-labelledby="lessons-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="lessons-heading" className="text-xl font-semibold">
            {t.course.lessons}
          </h2>
          {draft && (
            <Link href={`/admin/courses/${course.id}/lessons/new`} className="bg-party rounded-lg px-4 py-2 font-semibold text-white">
              {t.course.addLesson}
            </Link>
          )}
        </div>
        {!draft && <p className="text-sm text-stone-600">{t.course.lockedHint}</p>}
        {course.lessons.length === 0 ? (
          <p>{t.course.noLessons}</p>
        ) : (
          <ol className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white">
            {course.lessons.map((lesson, index) => (
              <li key={lesson.id} className="flex flex-wrap items-center justify-between gap-3 p-3">
                <div className="min-w-0">
                  <p className="font-medium">{`${lesson.position}. ${lesson.title}`}</p>
                  <p className="text-sm text-stone-600">
                    {[t.lessonEditor.kinds[lesson.kind], lesson.durationSeconds > 0 ? formatDuration(lesson.durationSeconds) : null, t.course.lessonHours(formatHours(lesson.creditTenths)), lesson.fileName].filter(Boolean).join(' · ')}
                  </p>
                </div>
                {draft && (
                  <div className="flex flex-wrap items-center gap-2">
                    <Link href={`/admin/courses/${course.id}/lessons/${lesson.id}`} className="min-h-9 rounded-md border border-stone-300 bg-white px-2.5 py-1.5 text-sm" aria-label={`${t.course.editLesson}：${lesson.title}`}>
                      {t.course.editLesson}
                    </Link>
                    <LessonActions courseId={course.id} lessonId={lesson.id} first={index === 0} last={index === course.lessons.length - 1} title={lesson.title} labels={{ moveUp: t.course.moveUp, moveDown: t.course.moveDown, deleteLesson: t.course.deleteLesson }} />
                  </div>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>

      {course.status === 'draft' && <CourseStatusForm courseId={course.id} to="published" label={t.course.publish} hint={t.course.publishHint} />}
      {course.status === 'published' && <CourseStatusForm courseId={course.id} to="withdrawn" label={t.course.withdraw} hint={t.course.withdrawHint} />}

      <section aria-labelledby="course-form-heading" className="space-y-3">
        <h2 id="course-form-heading" className="text-xl font-semibold">
          {t.editor.editTitle}
        </h2>
        <CourseForm
          courseId={course.id}
          initial={{ title: course.title, summary: course.summary, cover: course.coverFileId ? { id: course.coverFileId, name: course.title } : null }}
          labels={{ ...t.editor, uploading: t.lessonEditor.uploading }}
        />
      </section>
    </div>
  );
}
