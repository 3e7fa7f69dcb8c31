'use client';

import { startTransition, useActionState, useEffect, useRef, useState } from 'react';
import { FilePicker, uploadForContent, type Uploaded } from '@/components/content-upload';
import { FieldError, fieldErrorOf, FormMessage } from '@/components/form-fields';
import { idleState } from '@/lib/actions/action-state';
import { previewMarkdown, saveItem } from '@/lib/content/actions';
import type { ColumnKind } from '@/lib/content/content-kinds';
import type { messages } from '@/lib/i18n/messages';

type Labels = typeof messages.content.editor & { important: string };
type Option = { value: string; label: string };

export type EditorValues = {
  columnId: string;
  audienceOrgId: string;
  title: string;
  summary: string;
  bodyMarkdown: string;
  cover: Uploaded | null;
  attachments: Uploaded[];
  tags: string;
  externalUrl: string;
  pinned: boolean;
  important: boolean;
  featured: boolean;
  publishAt: string;
  regulationCategory: string;
  issuingBody: string;
  effectiveOn: string;
  revisedOn: string;
  targetSkills: string[];
  targetOccupations: string;
  targetIndustries: string;
  targetRegionCodes: string[];
  targetAgeBands: string[];
};

const inputClass = 'focus:border-party min-h-11 w-full rounded-lg border-2 border-stone-300 bg-white px-3 outline-none';

/**
 * The writer's form: Markdown on the left, the sanitised preview the server renders on the right
 * (the same renderer members read through), uploads through the platform's storage, and the
 * fields the chosen column's kind asks for.
 */
export function ItemEditor({
  itemId,
  published,
  initial,
  columns,
  audiences,
  skills,
  regions,
  categories,
  ageBands,
  labels,
}: {
  itemId?: string;
  published: boolean;
  initial: EditorValues;
  columns: { id: string; name: string; kind: ColumnKind }[];
  audiences: { id: string; name: string; wider: boolean }[];
  skills: string[];
  regions: { province: Option; cities: Option[] }[];
  categories: Option[];
  ageBands: Option[];
  labels: Labels;
}) {
  const [state, save, saving] = useActionState(saveItem, idleState);
  const [columnId, setColumnId] = useState(initial.columnId);
  const kind = columns.find((column) => column.id === columnId)?.kind ?? 'articles';
  const [body, setBody] = useState(initial.bodyMarkdown);
  // The preview of which text: it is pending while the text has moved on since.
  const [preview, setPreview] = useState<{ source: string; html: string }>({ source: '', html: '' });
  const [cover, setCover] = useState<Uploaded | null>(initial.cover);
  const [attachments, setAttachments] = useState<Uploaded[]>(initial.attachments);
  const [uploadState, setUploadState] = useState<{ busy: boolean; message: string }>({ busy: false, message: '' });
  const bodyRef = useRef<HTMLTextAreaElement>(null);

  // The preview follows the text a moment after typing stops.
  useEffect(() => {
    if (!body.trim()) return;
    const timer = setTimeout(async () => {
      const form = new FormData();
      form.set('bodyMarkdown', body);
      const answer = await previewMarkdown(idleState, form);
      setPreview({ source: body, html: answer.status === 'success' ? (answer.data?.html ?? '') : '' });
    }, 400);
    return () => clearTimeout(timer);
  }, [body]);

  async function uploadInto(file: File, purpose: 'photo' | 'studyMaterial', place: (file: Uploaded) => void) {
    setUploadState({ busy: true, message: labels.uploading });
    const result = await uploadForContent(file, purpose);
    setUploadState({ busy: false, message: result.ok ? '' : result.message });
    if (result.ok) place(result.file);
  }

  function insertImage(file: Uploaded) {
    const area = bodyRef.current;
    const at = area ? area.selectionStart : body.length;
    const snippet = `\n![${file.name.replace(/[[\]]/g, '')}](/files/${file.id})\n`;
    setBody((text) => text.slice(0, at) + snippet + text.slice(at));
  }

  const described = (name: string) => (fieldErrorOf(state, name) ? `${name}-error` : undefined);
  return (
    <form
      action={save}
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
        startTransition(() => save(form));
      }}
      className="space-y-5"
    >
      {itemId && <input type="hidden" name="itemId" value={itemId} />}
      <div className="grid gap-4 md:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor="columnId" className="block font-medium">
            {labels.column}
          </label>
          <select id="columnId" name="columnId" value={columnId} onChange={(event) => setColumnId(event.target.value)} className={inputClass} aria-describedby={described('columnId')}>
            {columns.map((column) => (
              <option key={column.id} value={column.id}>
                {column.name}
              </option>
            ))}
          </select>
          <FieldError state={state} name="columnId" />
        </div>
        <div className="space-y-1">
          <label htmlFor="audienceOrgId" className="block font-medium">
            {labels.audience}
          </label>
          <select id="audienceOrgId" name="audienceOrgId" defaultValue={initial.audienceOrgId} className={inputClass} aria-describedby={`audience-hint ${described('audienceOrgId') ?? ''}`}>
            {audiences.map((org) => (
              <option key={org.id} value={org.id}>
                {org.wider ? `${org.name}（${labels.needsReview}）` : org.name}
              </option>
            ))}
          </select>
          <p id="audience-hint" className="text-sm text-stone-600">
            {labels.audienceHint}
          </p>
          <FieldError state={state} name="audienceOrgId" />
        </div>
      </div>
      <div className="space-y-1">
        <label htmlFor="title" className="block font-medium">
          {labels.title}
        </label>
        <input id="title" name="title" defaultValue={initial.title} maxLength={120} required className={inputClass} aria-describedby={described('title')} />
        <FieldError state={state} name="title" />
      </div>
      <div className="space-y-1">
        <label htmlFor="summary" className="block font-medium">
          {labels.summary}
        </label>
        <input id="summary" name="summary" defaultValue={initial.summary} maxLength={200} className={inputClass} aria-describedby={described('summary')} />
        <FieldError state={state} name="summary" />
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <div className="space-y-1">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <label htmlFor="bodyMarkdown" className="block font-medium">
              {labels.body}
            </label>
            <FilePicker label={labels.insertImage} accept="image/jpeg,image/png,image/webp,image/gif" disabled={uploadState.busy} onFile={(file) => uploadInto(file, 'photo', insertImage)} />
          </div>
          <textarea
            id="bodyMarkdown"
            name="bodyMarkdown"
            ref={bodyRef}
            value={body}
            onChange={(event) => setBody(event.target.value)}
            rows={18}
            className="focus:border-party w-full rounded-lg border-2 border-stone-300 bg-white p-3 font-mono text-sm outline-none"
            aria-describedby={`body-hint ${described('bodyMarkdown') ?? ''}`}
          />
          <p id="body-hint" className="text-sm text-stone-600">
            {labels.bodyHint}
          </p>
          <FieldError state={state} name="bodyMarkdown" />
        </div>
        <section aria-labelledby="preview-heading" className="space-y-1">
          <h2 id="preview-heading" className="font-medium">
            {labels.preview}
          </h2>
          <div aria-live="polite" className="prose-content min-h-40 rounded-lg border border-stone-200 bg-white p-4">
            {!body.trim() ? (
              <p className="text-stone-500">{labels.previewEmpty}</p>
            ) : preview.source !== body ? (
              <p className="text-stone-500">{labels.previewing}</p>
            ) : preview.html ? (
              <div dangerouslySetInnerHTML={{ __html: preview.html }} />
            ) : (
              <p className="text-stone-500">{labels.previewEmpty}</p>
            )}
          </div>
        </section>
      </div>
      {uploadState.message && (
        <p role="status" className="text-party">
          {uploadState.message}
        </p>
      )}

      <fieldset className="grid gap-4 rounded-lg border border-stone-200 p-4 md:grid-cols-2">
        <div className="space-y-1">
          <span className="block font-medium">{labels.cover}</span>
          {cover ? (
            <div className="flex items-center gap-3">
              {/* eslint-disable-next-line @next/next/no-img-element -- an authorised /files/ download, not a static asset */}
              <img src={`/files/${cover.id}`} alt={cover.name} className="h-16 w-24 rounded object-cover" />
              <input type="hidden" name="coverFileId" value={cover.id} />
              <button type="button" onClick={() => setCover(null)} className="text-sm underline">
                {labels.removeCover}
              </button>
            </div>
          ) : (
            <FilePicker label={labels.chooseCover} accept="image/jpeg,image/png,image/webp" disabled={uploadState.busy} onFile={(file) => uploadInto(file, 'photo', setCover)} />
          )}
          <FieldError state={state} name="coverFileId" />
        </div>
        <div className="space-y-1">
          <span className="block font-medium">{labels.attachments}</span>
          <ul className="space-y-1 text-sm">
            {attachments.map((file) => (
              <li key={file.id} className="flex items-center gap-2">
                <input type="hidden" name="attachmentFileIds" value={file.id} />
                <span className="truncate">{file.name}</span>
                <button type="button" onClick={() => setAttachments((list) => list.filter((item) => item.id !== file.id))} className="text-party underline" aria-label={`${labels.removeAttachment} ${file.name}`}>
                  {labels.removeAttachment}
                </button>
              </li>
            ))}
          </ul>
          <FilePicker label={labels.addAttachment} disabled={uploadState.busy} onFile={(file) => uploadInto(file, 'studyMaterial', (file) => setAttachments((list) => [...list, file]))} />
          <FieldError state={state} name="attachmentFileIds" />
        </div>
        <div className="space-y-1">
          <label htmlFor="tags" className="block font-medium">
            {labels.tags}
          </label>
          <input id="tags" name="tags" defaultValue={initial.tags} className={inputClass} aria-describedby={described('tags')} />
          <FieldError state={state} name="tags" />
        </div>
        <div className="space-y-1">
          <label htmlFor="externalUrl" className="block font-medium">
            {labels.externalUrl}
          </label>
          <input id="externalUrl" name="externalUrl" type="url" defaultValue={initial.externalUrl} className={inputClass} aria-describedby={described('externalUrl')} />
          <FieldError state={state} name="externalUrl" />
        </div>
        <div className="space-y-1">
          <label htmlFor="publishAt" className="block font-medium">
            {labels.publishAt}
          </label>
          <input id="publishAt" name="publishAt" type="datetime-local" defaultValue={initial.publishAt} className={inputClass} aria-describedby={`publishAt-hint ${described('publishAt') ?? ''}`} />
          <p id="publishAt-hint" className="text-sm text-stone-600">
            {labels.publishAtHint}
          </p>
          <FieldError state={state} name="publishAt" />
        </div>
        <div className="flex flex-wrap items-center gap-6">
          <label className="flex min-h-11 items-center gap-2">
            <input type="checkbox" name="pinned" defaultChecked={initial.pinned} className="accent-party h-5 w-5" />
            {labels.pinned}
          </label>
          <label className="flex min-h-11 items-center gap-2">
            <input type="checkbox" name="featured" defaultChecked={initial.featured} className="accent-party h-5 w-5" />
            {labels.featured}
          </label>
          <label className="flex min-h-11 items-center gap-2">
            <input type="checkbox" name="important" defaultChecked={initial.important} className="accent-party h-5 w-5" />
            {labels.important}
          </label>
        </div>
      </fieldset>

      {kind === 'regulations' && (
        <fieldset className="grid gap-4 rounded-lg border border-stone-200 p-4 md:grid-cols-2">
          <legend className="px-1 font-semibold">{labels.regulation}</legend>
          <div className="space-y-1">
            <label htmlFor="regulationCategory" className="block font-medium">
              {labels.regulationCategory}
            </label>
            <select id="regulationCategory" name="regulationCategory" defaultValue={initial.regulationCategory} className={inputClass} aria-describedby={described('regulationCategory')}>
              <option value="">{labels.choose}</option>
              {categories.map((category) => (
                <option key={category.value} value={category.value}>
                  {category.label}
                </option>
              ))}
            </select>
            <FieldError state={state} name="regulationCategory" />
          </div>
          <div className="space-y-1">
            <label htmlFor="issuingBody" className="block font-medium">
              {labels.issuingBody}
            </label>
            <input id="issuingBody" name="issuingBody" defaultValue={initial.issuingBody} className={inputClass} aria-describedby={described('issuingBody')} />
            <FieldError state={state} name="issuingBody" />
          </div>
          <div className="space-y-1">
            <label htmlFor="effectiveOn" className="block font-medium">
              {labels.effectiveOn}
            </label>
            <input id="effectiveOn" name="effectiveOn" type="date" defaultValue={initial.effectiveOn} className={inputClass} aria-describedby={described('effectiveOn')} />
            <FieldError state={state} name="effectiveOn" />
          </div>
          <div className="space-y-1">
            <label htmlFor="revisedOn" className="block font-medium">
              {labels.revisedOn}
            </label>
            <input id="revisedOn" name="revisedOn" type="date" defaultValue={initial.revisedOn} className={inputClass} aria-describedby={described('revisedOn')} />
            <FieldError state={state} name="revisedOn" />
          </div>
        </fieldset>
      )}

      {kind === 'jobs' && (
        <fieldset className="space-y-4 rounded-lg border border-stone-200 p-4">
          <legend className="px-1 font-semibold">{labels.targeting}</legend>
          <p className="text-sm text-stone-600">{labels.targetingHint}</p>
          <fieldset>
            <legend className="font-medium">{labels.targetSkills}</legend>
            <div className="mt-1 flex max-h-40 flex-wrap gap-x-4 overflow-y-auto">
              {skills.map((skill) => (
                <label key={skill} className="flex min-h-9 items-center gap-1.5 text-sm">
                  <input type="checkbox" name="targetSkills" value={skill} defaultChecked={initial.targetSkills.includes(skill)} className="accent-party h-4 w-4" />
                  {skill}
                </label>
              ))}
            </div>
            <FieldError state={state} name="targetSkills" />
          </fieldset>
          <div className="grid gap-4 md:grid-cols-2">
            <div className="space-y-1">
              <label htmlFor="targetOccupations" className="block font-medium">
                {labels.targetOccupations}
              </label>
              <input id="targetOccupations" name="targetOccupations" defaultValue={initial.targetOccupations} className={inputClass} />
              <FieldError state={state} name="targetOccupations" />
            </div>
            <div className="space-y-1">
              <label htmlFor="targetIndustries" className="block font-medium">
                {labels.targetIndustries}
              </label>
              <input id="targetIndustries" name="targetIndustries" defaultValue={initial.targetIndustries} className={inputClass} />
              <FieldError state={state} name="targetIndustries" />
            </div>
            <div className="space-y-1">
              <label htmlFor="targetRegionCodes" className="block font-medium">
                {labels.targetRegions}
              </label>
              <select id="targetRegionCodes" name="targetRegionCodes" multiple size={6} defaultValue={initial.targetRegionCodes} className="w-full rounded-lg border-2 border-stone-300 bg-white p-1">
                {regions.map((region) => (
                  <optgroup key={region.province.value} label={region.province.label}>
                    <option value={region.province.value}>{region.province.label}</option>
                    {region.cities.map((city) => (
                      <option key={city.value} value={city.value}>
                        {city.label}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
              <FieldError state={state} name="targetRegionCodes" />
            </div>
            <fieldset>
              <legend className="font-medium">{labels.targetAgeBands}</legend>
              {ageBands.map((band) => (
                <label key={band.value} className="flex min-h-9 items-center gap-1.5">
                  <input type="checkbox" name="targetAgeBands" value={band.value} defaultChecked={initial.targetAgeBands.includes(band.value)} className="accent-party h-4 w-4" />
                  {band.label}
                </label>
              ))}
              <FieldError state={state} name="targetAgeBands" />
            </fieldset>
          </div>
        </fieldset>
      )}

      <FormMessage state={state} />
      {state.status === 'success' && (
        <p role="status" className="text-green-800">
          {state.message}
        </p>
      )}
      <div className="flex flex-wrap gap-3">
        {!published && (
          <button type="submit" name="intent" value="draft" disabled={saving} className="min-h-11 rounded-lg border-2 border-stone-300 bg-white px-5 font-semibold disabled:opacity-60">
            {saving ? labels.saving : labels.saveDraft}
          </button>
        )}
        <button type="submit" name="intent" value="publish" disabled={saving} className="bg-party min-h-11 rounded-lg px-5 font-semibold text-white disabled:opacity-60">
          {saving ? labels.saving : published ? labels.republish : labels.publish}
        </button>
        {!published && (
          <button type="submit" name="intent" value="submit" disabled={saving} className="border-party text-party min-h-11 rounded-lg border-2 bg-white px-5 font-semibold disabled:opacity-60">
            {saving ? labels.saving : labels.submit}
          </button>
        )}
      </div>
    </form>
  );
}
