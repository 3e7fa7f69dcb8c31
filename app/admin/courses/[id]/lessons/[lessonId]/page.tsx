import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireAdminViewer } from '@/lib/auth/guards';
import { formatDuration, formatHours } from '@/lib/courses/course-rules';
import { coursePages } from '@/lib/courses/queries';
import { messages } from '@/lib/i18n/messages';
import { LessonForm } from '../../../course-forms';

export const metadata: Metadata = { title: messages.courses.lessonEditor.editTitle };

export default async function EditLessonPage({ params }: { params: Promise<{ id: string; lessonId: string }> }) {
  const { id, lessonId } = await params;
  const viewer = await requireAdminViewer(`/admin/courses/${id}/lessons/${lessonId}`);
  const course = await coursePages.adminCourse(viewer, id);
  const lesson = course?.lessons.find((item) => item.id === lessonId);
  if (!course || !lesson || course.status !== 'draft') notFound();
  const duration = lesson.durationSeconds === 0 ? '' : lesson.kind === 'document' ? String(Math.round(lesson.durationSeconds / 60)) : formatDuration(lesson.durationSeconds);
  return (
    <div className="space-y-5">
      <Link href={`/admin/courses/${course.id}`} className="text-party underline">
        {course.title}
      </Link>
      <h1 className="text-2xl font-bold">{messages.courses.lessonEditor.editTitle}</h1>
      <LessonForm
        courseId={course.id}
        lessonId={lesson.id}
        initial={{ title: lesson.title, kind: lesson.kind, file: lesson.fileId ? { id: lesson.fileId, name: lesson.fileName ?? lesson.title } : null, bodyMarkdown: lesson.bodyMarkdown, duration, hours: formatHours(lesson.creditTenths) }}
        labels={messages.courses.lessonEditor}
      />
    </div>
  );
}
