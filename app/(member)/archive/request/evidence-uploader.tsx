'use client';

import { useRef, useState } from 'react';

/** Templates may hold {name} and {reason}: labels come from the server as plain strings. */
export type EvidenceLabels = Record<'legend' | 'hint' | 'add' | 'uploading' | 'uploaded' | 'failed' | 'remove' | 'tooMany' | 'networkError', string>;

type Upload = { key: number; name: string; progress: number; id?: string; error?: string };
type Answer = { ok: true; id: string; name: string } | { ok: false; message: string };

/**
 * Uploads each chosen file at once, with its own progress bar (XMLHttpRequest reports upload
 * progress; fetch does not), so a weak connection retries one file and not the whole form.
 * The form then carries only the ids of the files that arrived.
 */
export function EvidenceUploader({
  endpoint,
  max,
  labels,
  error,
  onBusyChange,
}: {
  endpoint: string;
  max: number;
  labels: EvidenceLabels;
  error?: string;
  onBusyChange: (busy: boolean) => void;
}) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [notice, setNotice] = useState('');
  const nextKey = useRef(0);
  const busy = useRef(0);
  const fill = (template: string, name: string, reason = '') => template.replace('{name}', name).replace('{reason}', reason);

  function update(key: number, change: Partial<Upload>) {
    setUploads((current) => current.map((upload) => (upload.key === key ? { ...upload, ...change } : upload)));
  }

  function send(file: File, key: number) {
    busy.current += 1;
    onBusyChange(true);
    const finish = (answer: Answer) => {
      update(key, answer.ok ? { id: answer.id, progress: 100 } : { error: answer.message });
      busy.current -= 1;
      if (busy.current === 0) onBusyChange(false);
    };
    const request = new XMLHttpRequest();
    request.open('POST', endpoint);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) update(key, { progress: Math.round((event.loaded * 100) / event.total) });
    };
    request.onload = () => {
      try {
        finish(JSON.parse(request.responseText) as Answer);
      } catch {
        finish({ ok: false, message: labels.networkError });
      }
    };
    request.onerror = () => finish({ ok: false, message: labels.networkError });
    const body = new FormData();
    body.append('file', file);
    request.send(body);
  }

  function choose(list: FileList | null) {
    const chosen = Array.from(list ?? []);
    const room = max - uploads.filter((upload) => !upload.error).length;
    setNotice(chosen.length > room ? labels.tooMany : '');
    const accepted = chosen.slice(0, Math.max(0, room)).map((file) => ({ file, key: nextKey.current++ }));
    setUploads((current) => [...current, ...accepted.map(({ file, key }) => ({ key, name: file.name, progress: 0 }))]);
    for (const { file, key } of accepted) send(file, key);
  }

  return (
    <fieldset className="space-y-3 rounded-2xl bg-white p-4 shadow-sm" aria-describedby="evidence-hint">
      <legend className="float-left mb-1 w-full text-lg font-semibold">{labels.legend}</legend>
      <p id="evidence-hint" className="clear-both text-stone-600">
        {labels.hint}
      </p>
      <label className="flex min-h-12 cursor-pointer items-center justify-center rounded-xl border-2 border-dashed border-stone-400 text-lg font-semibold text-stone-800 has-[:focus-visible]:outline-3">
        {labels.add}
        <input
          type="file"
          multiple
          accept="image/jpeg,image/png,image/webp,application/pdf"
          className="sr-only"
          onChange={(event) => {
            choose(event.currentTarget.files);
            event.currentTarget.value = '';
          }}
        />
      </label>
      <ul className="space-y-2" aria-live="polite">
        {uploads.map((upload) => (
          <li key={upload.key} className="space-y-1 rounded-xl bg-stone-50 p-2">
            <div className="flex items-center justify-between gap-2">
              <span className="min-w-0 truncate">{upload.name}</span>
              <button
                type="button"
                className="min-h-11 shrink-0 rounded-lg border border-stone-300 px-3"
                onClick={() => setUploads((current) => current.filter((item) => item.key !== upload.key))}
              >
                {labels.remove}
                <span className="sr-only"> {upload.name}</span>
              </button>
            </div>
            {upload.error ? (
              <p className="text-party">{fill(labels.failed, upload.name, upload.error)}</p>
            ) : upload.id ? (
              <p className="text-green-800">{fill(labels.uploaded, upload.name)}</p>
            ) : (
              <progress value={upload.progress} max={100} className="accent-party h-3 w-full" aria-label={fill(labels.uploading, upload.name)} />
            )}
            {upload.id && <input type="hidden" name="evidence" value={upload.id} />}
          </li>
        ))}
      </ul>
      {(notice || error) && (
        <p role="alert" className="text-party">
          {notice || error}
        </p>
      )}
    </fieldset>
  );
}
