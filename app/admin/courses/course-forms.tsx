'use client';

import { useActionState, useState } from 'react';
import { ActionAnswer } from '@/components/decision-form';
import { FilePicker, uploadForContent, type Uploaded } from '@/components/content-upload';
import { FieldError, fieldErrorOf, FormMessage } from '@/components/form-fields';
import { idleState } from '@/lib/actions/action-state';
import { deleteLessonAction, moveLessonAction, saveCourseAction, saveLessonAction, setCourseStatusAction } from '@/lib/courses/actions';
import type { LessonKind } from '@/lib/courses/course-rules';
import type { messages } from '@/lib/i18n/messages';

const inputClass = 'focus:border-party min-h-11 w-full rounded-lg border-2 border-stone-300 bg-white px-3 outline-none';

/** The course's name, summary and cover; new courses start as drafts of the admin's own org. */
export function CourseForm({ courseId, initial, labels }: { courseId?: string; initial: { title: string; summary: string; cover: Uploaded | null }; labels: typeof messages.courses.editor & { uploading: string } }) {
  const [state, save, saving] = useActionState(saveCourseAction, idleState);
  const [cover, setCover] = useState<Uploaded | null>(initial.cover);
  const [uploadState, setUploadState] = useState({ busy: false, message: '' });
  return (
    <form action={save} className="max-w-2xl space-y-4">
      {courseId && <input type="hidden" name="courseId" value={courseId} />}
      <div className="space-y-1">
        <label htmlFor="course-title" className="block font-medium">
          {labels.title}
        </label>
        <input id="course-title" name="title" required maxLength={120} defaultValue={initial.title} className={inputClass} aria-describedby={fieldErrorOf(state, 'title') ? 'title-error' : undefined} />
        <FieldError state={state} name="title" />
      </div>
      <div className="space-y-1">
        <label htmlFor="course-summary" className="block font-medium">
          {labels.summary}
        </label>
        <textarea id="course-summary" name="summary" rows={3} maxLength={500} defaultValue={initial.summary} className="focus:border-party w-full rounded-lg border-2 border-stone-300 bg-white p-2 outline-none" />
        <FieldError state={state} name="summary" />
      </div>
      <fieldset className="space-y-2">
        <legend className="font-medium">{labels.cover}</legend>
        {cover && <input type="hidden" name="coverFileId" value={cover.id} />}
        <div className="flex flex-wrap items-center gap-3">
          {cover && (
            <>
              {/* eslint-disable-next-line @next/next/no-img-element -- a stored file behind the app's authorised route, not a static asset */}
              <img src={`/files/${cover.id}`} alt={cover.name} className="h-16 w-28 rounded object-cover" />
              <button type="button" onClick={() => setCover(null)} className="text-sm underline">
                {labels.removeCover}
              </button>
            </>
          )}
          <FilePicker
            label={labels.chooseCover}
            accept="image/*"
            disabled={uploadState.busy}
            onFile={async (file) => {
              setUploadState({ busy: true, message: labels.uploading });
              const result = await uploadForContent(file, 'photo');
              setUploadState({ busy: false, message: result.ok ? '' : result.message });
              if (result.ok) setCover(result.file);
            }}
          />
          {uploadState.message && (
            <span role="status" className="text-sm text-stone-600">
              {uploadState.message}
            </span>
          )}
        </div>
        <FieldError state={state} name="coverFileId" />
      </fieldset>
      <FormMessage state={state} />
      <button type="submit" disabled={saving} className="bg-party min-h-11 rounded-lg px-5 font-semibold text-white disabled:opacity-60">
        {saving ? labels.saving : labels.save}
      </button>
    </form>
  );
}

export type LessonValues = { title: string; kind: LessonKind; file: Uploaded | null; bodyMarkdown: string; duration: string; hours: string };

const ACCEPT: Record<LessonKind, string | undefined> = {
  video: 'video/mp4,video/webm',
  audio: 'audio/mpeg,audio/mp4,audio/wav,.mp3,.m4a,.wav',
  document: '.pdf,.doc,.docx,.ppt,.pptx',
  text: undefined,
};

/** "754.3" seconds → "12:34", as the duration field expects it. */
function durationText(seconds: number): string {
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A recording's length, read by the browser from the uploaded file itself. */
function mediaDuration(file: File, kind: 'video' | 'audio'): Promise<number | null> {
  return new Promise((resolve) => {
    const element = document.createElement(kind);
    const url = URL.createObjectURL(file);
    const done = (value: number | null) => {
      URL.revokeObjectURL(url);
      resolve(value);
    };
    element.preload = 'metadata';
    element.onloadedmetadata = () => done(Number.isFinite(element.duration) ? element.duration : null);
    element.onerror = () => done(null);
    element.src = url;
  });
}

/** One lesson of a draft course: its kind decides whether it carries a file and a length, or a text. */
export function LessonForm({ courseId, lessonId, initial, labels }: { courseId: string; lessonId?: string; initial: LessonValues; labels: typeof messages.courses.lessonEditor }) {
  const [state, save, saving] = useActionState(saveLessonAction, idleState);
  const [kind, setKind] = useState<LessonKind>(initial.kind);
  const [file, setFile] = useState<Uploaded | null>(initial.file);
  const [duration, setDuration] = useState(initial.duration);
  const [uploadState, setUploadState] = useState({ busy: false, message: '' });
  const described = (name: string) => (fieldErrorOf(state, name) ? `${name}-error` : undefined);
  return (
    <form action={save} className="max-w-3xl space-y-4">
      <input type="hidden" name="courseId" value={courseId} />
      {lessonId && <input type="hidden" name="lessonId" value={lessonId} />}
      <div className="space-y-1">
        <label htmlFor="lesson-title" className="block font-medium">
          {labels.title}
        </label>
        <input id="lesson-title" name="title" required maxLength={120} defaultValue={initial.title} className={inputClass} aria-describedby={described('title')} />
        <FieldError state={state} name="title" />
      </div>
      <fieldset>
        <legend className="font-medium">{labels.kind}</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {(Object.keys(labels.kinds) as LessonKind[]).map((value) => (
            <label key={value} className="flex min-h-11 items-center gap-2">
              <input type="radio" name="kind" value={value} checked={kind === value} onChange={() => setKind(value)} className="accent-party h-5 w-5" />
              {labels.kinds[value]}
            </label>
          ))}
        </div>
        <FieldError state={state} name="kind" />
      </fieldset>
      {kind === 'text' ? (
        <div className="space-y-1">
          <label htmlFor="lesson-body" className="block font-medium">
            {labels.body}
          </label>
          <textarea id="lesson-body" name="bodyMarkdown" rows={14} defaultValue={initial.bodyMarkdown} className="focus:border-party w-full rounded-lg border-2 border-stone-300 bg-white p-2 font-mono text-sm outline-none" aria-describedby={described('bodyMarkdown')} />
          <FieldError state={state} name="bodyMarkdown" />
        </div>
      ) : (
        <>
          <fieldset className="space-y-2">
            <legend className="font-medium">{labels.file}</legend>
            <p className="text-sm text-stone-600">{labels.fileHint}</p>
            {file && <input type="hidden" name="fileId" value={file.id} />}
            <div className="flex flex-wrap items-center gap-3">
              {file && <span className="break-all">{file.name}</span>}
              <FilePicker
                label={labels.chooseFile}
                accept={ACCEPT[kind]}
                disabled={uploadState.busy}
                onFile={async (chosen) => {
                  setUploadState({ busy: true, message: labels.uploading });
                  const seconds = kind === 'video' || kind === 'audio' ? await mediaDuration(chosen, kind) : null;
                  const result = await uploadForContent(chosen, 'studyMaterial');
                  setUploadState({ busy: false, message: result.ok ? '' : result.message });
                  if (!result.ok) return;
                  setFile(result.file);
                  if (seconds) setDuration(durationText(seconds));
                }}
              />
              {uploadState.message && (
                <span role="status" className="text-sm text-stone-600">
                  {uploadState.message}
                </span>
              )}
            </div>
            <FieldError state={state} name="fileId" />
          </fieldset>
          <div className="max-w-xs space-y-1">
            <label htmlFor="lesson-duration" className="block font-medium">
              {labels.duration}
            </label>
            <input id="lesson-duration" name="duration" value={duration} onChange={(event) => setDuration(event.target.value)} inputMode="numeric" className={inputClass} aria-describedby={`duration-hint ${described('duration') ?? ''}`} />
            <p id="duration-hint" className="text-sm text-stone-600">
              {labels.durationHint}
            </p>
            <FieldError state={state} name="duration" />
          </div>
        </>
      )}
      <div className="max-w-xs space-y-1">
        <label htmlFor="lesson-hours" className="block font-medium">
          {labels.hours}
        </label>
        <input id="lesson-hours" name="hours" required defaultValue={initial.hours} inputMode="decimal" className={inputClass} aria-describedby={`hours-hint ${described('hours') ?? ''}`} />
        <p id="hours-hint" className="text-sm text-stone-600">
          {labels.hoursHint}
        </p>
        <FieldError state={state} name="hours" />
      </div>
      <FormMessage state={state} />
      <button type="submit" disabled={saving} className="bg-party min-h-11 rounded-lg px-5 font-semibold text-white disabled:opacity-60">
        {saving ? labels.saving : labels.save}
      </button>
    </form>
  );
}

/** A lesson row's small acts on a draft course: up, down, delete. */
export function LessonActions({ courseId, lessonId, first, last, title, labels }: { courseId: string; lessonId: string; first: boolean; last: boolean; title: string; labels: { moveUp: string; moveDown: string; deleteLesson: string } }) {
  const [moveState, move, moving] = useActionState(moveLessonAction, idleState);
  const [deleteState, remove, deleting] = useActionState(deleteLessonAction, idleState);
  const busy = moving || deleting;
  const small = 'min-h-9 rounded-md border border-stone-300 bg-white px-2.5 text-sm disabled:opacity-50';
  return (
    <div className="flex flex-wrap items-center gap-2">
      <form action={move} className="flex gap-2">
        <input type="hidden" name="courseId" value={courseId} />
        <input type="hidden" name="lessonId" value={lessonId} />
        <button type="submit" name="direction" value="up" disabled={busy || first} className={small} aria-label={`${labels.moveUp}：${title}`}>
          {labels.moveUp}
        </button>
        <button type="submit" name="direction" value="down" disabled={busy || last} className={small} aria-label={`${labels.moveDown}：${title}`}>
          {labels.moveDown}
        </button>
      </form>
      <form action={remove}>
        <input type="hidden" name="courseId" value={courseId} />
        <input type="hidden" name="lessonId" value={lessonId} />
        <button type="submit" disabled={busy} className={`${small} text-party`} aria-label={`${labels.deleteLesson}：${title}`}>
          {labels.deleteLesson}
        </button>
      </form>
      <ActionAnswer state={moveState.status === 'idle' ? deleteState : moveState} />
    </div>
  );
}

/** Publishing a draft course, or withdrawing a published one. */
export function CourseStatusForm({ courseId, to, label, hint }: { courseId: string; to: 'published' | 'withdrawn'; label: string; hint: string }) {
  const [state, act, pending] = useActionState(setCourseStatusAction, idleState);
  return (
    <form action={act} className="space-y-2">
      <input type="hidden" name="courseId" value={courseId} />
      <input type="hidden" name="to" value={to} />
      <p className="text-sm text-stone-600">{hint}</p>
      <button type="submit" disabled={pending} className={`min-h-11 rounded-lg px-5 font-semibold disabled:opacity-60 ${to === 'published' ? 'bg-party text-white' : 'border-2 border-stone-400 bg-white'}`}>
        {label}
      </button>
      <ActionAnswer state={state} />
    </form>
  );
}
