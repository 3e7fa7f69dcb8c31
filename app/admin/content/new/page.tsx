import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { requireAdminViewer } from '@/lib/auth/guards';
import { mayEditContent } from '@/lib/content/publishing';
import { messages } from '@/lib/i18n/messages';
import { editorOptions, emptyValues } from '../editor-options';
import { ItemEditor } from '../item-editor';

export const metadata: Metadata = { title: messages.content.editor.newTitle };

export default async function NewContentPage({ searchParams }: { searchParams: Promise<{ column?: string }> }) {
  const viewer = await requireAdminViewer('/admin/content/new');
  if (!mayEditContent(viewer)) forbidden();
  const { column } = await searchParams;
  const options = await editorOptions(viewer);
  const chosen = options.columns.find((item) => item.slug === column) ?? options.columns[0];
  return (
    <div className="max-w-6xl space-y-5">
      <Link href="/admin/content" className="text-party underline">
        {messages.content.detail.back}
      </Link>
      <h1 className="text-2xl font-bold">{messages.content.editor.newTitle}</h1>
      <ItemEditor published={false} initial={emptyValues(chosen.id, String(viewer.orgId))} {...options} />
    </div>
  );
}
