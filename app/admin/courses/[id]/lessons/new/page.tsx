import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireAdminViewer } from '@/lib/auth/guards';
import { coursePages } from '@/lib/courses/queries';
import { messages } from '@/lib/i18n/messages';
import { LessonForm } from '../../../course-forms';

export const metadata: Metadata = { title: messages.courses.lessonEditor.newTitle };

export default async function NewLessonPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireAdminViewer(`/admin/courses/${id}/lessons/new`);
  const course = await coursePages.adminCourse(viewer, id);
  if (!course || course.status !== 'draft') notFound();
  return (
    <div className="space-y-5">
      <Link href={`/admin/courses/${course.id}`} className="text-party underline">
        {course.title}
      </Link>
      <h1 className="text-2xl font-bold">{messages.courses.lessonEditor.newTitle}</h1>
      <LessonForm courseId={course.id} initial={{ title: '', kind: 'video', file: null, bodyMarkdown: '', duration: '', hours: '1' }} labels={messages.courses.lessonEditor} />
    </div>
  );
}
