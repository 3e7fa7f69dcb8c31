'use client';

import { idleState } from '@/lib/actions/action-state';
import { uploadContentFile } from '@/lib/content/actions';

// Uploads for what content editors write (items and courses): the platform's storage, through the
// content module's upload action, and a file button in the page's language.

export type Uploaded = { id: string; name: string };

export async function uploadForContent(file: File, purpose: 'photo' | 'studyMaterial'): Promise<{ ok: true; file: Uploaded } | { ok: false; message: string }> {
  const form = new FormData();
  form.set('file', file);
  form.set('purpose', purpose);
  const state = await uploadContentFile(idleState, form);
  if (state.status === 'success' && state.data?.fileId) return { ok: true, file: { id: state.data.fileId, name: state.data.name ?? file.name } };
  return { ok: false, message: state.status === 'invalid' ? (Object.values(state.fieldErrors)[0]?.[0] ?? state.message) : state.status === 'idle' ? '' : state.message };
}

/** A file input shown as a button in the page's language (the browser's own says "Choose File"). */
export function FilePicker({ label, accept, disabled, onFile }: { label: string; accept?: string; disabled: boolean; onFile: (file: File) => Promise<void> }) {
  return (
    <label className={`inline-block cursor-pointer rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-100 has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-amber-400 ${disabled ? 'opacity-60' : ''}`}>
      {label}
      <input
        type="file"
        accept={accept}
        disabled={disabled}
        className="sr-only"
        onChange={(event) => {
          const input = event.currentTarget;
          const file = input.files?.[0];
          if (file) void onFile(file).then(() => (input.value = ''));
        }}
      />
    </label>
  );
}
