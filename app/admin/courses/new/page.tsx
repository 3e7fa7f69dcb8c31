import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { requireAdminViewer } from '@/lib/auth/guards';
import { mayEditContent } from '@/lib/content/publishing';
import { messages } from '@/lib/i18n/messages';
import { CourseForm } from '../course-forms';

export const metadata: Metadata = { title: messages.courses.editor.newTitle };

export default async function NewCoursePage() {
  const viewer = await requireAdminViewer('/admin/courses/new');
  if (!mayEditContent(viewer)) forbidden();
  return (
    <div className="space-y-5">
      <Link href="/admin/courses" className="text-party underline">
        {messages.courses.admin.back}
      </Link>
      <h1 className="text-2xl font-bold">{messages.courses.editor.newTitle}</h1>
      <CourseForm initial={{ title: '', summary: '', cover: null }} labels={{ ...messages.courses.editor, uploading: messages.courses.lessonEditor.uploading }} />
    </div>
  );
}
