import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireAdminViewer } from '@/lib/auth/guards';
import { contentPages } from '@/lib/content/queries';
import { messages } from '@/lib/i18n/messages';
import { editorOptions, valuesOf } from '../../editor-options';
import { ItemEditor } from '../../item-editor';

export const metadata: Metadata = { title: messages.content.editor.editTitle };

export default async function EditContentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireAdminViewer(`/admin/content/${id}/edit`);
  const item = await contentPages.adminItem(viewer, id);
  if (!item || !item.may.edit) notFound();
  const options = await editorOptions(viewer);
  return (
    <div className="max-w-6xl space-y-5">
      <Link href={`/admin/content/${item.id}`} className="text-party underline">
        {messages.content.detail.back}
      </Link>
      <h1 className="text-2xl font-bold">{messages.content.editor.editTitle}</h1>
      <ItemEditor itemId={item.id} published={item.status === 'published'} initial={valuesOf(item)} {...options} />
    </div>
  );
}
