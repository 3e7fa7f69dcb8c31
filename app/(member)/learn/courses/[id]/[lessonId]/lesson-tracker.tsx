'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import { idleState } from '@/lib/actions/action-state';
import { lessonBeat } from '@/lib/courses/actions';
import type { LessonEvent, LessonKind } from '@/lib/courses/course-rules';

type Labels = { lessonComplete: string; courseComplete: string; next: string; back: string; openDocument: string; endOfText: string; progress: string; beatFailed: string };
type Progress = { share: number; lessonComplete: boolean; courseComplete: boolean };

/**
 * Reports a lesson's learning to the server, which alone decides what counts (course-rules.ts):
 * a player reports its position as it plays, seeks, pauses and ends; a reading page reports that
 * it is open and visible, that its end came into view, or that its document was opened. Reports
 * go one at a time and in order, so the server judges each against the one before.
 */
export function LessonTracker({
  courseId,
  lessonId,
  kind,
  src,
  beatSeconds,
  initial,
  nextHref,
  courseHref,
  labels,
  children,
}: {
  courseId: string;
  lessonId: string;
  kind: LessonKind;
  src: string | null;
  beatSeconds: number;
  initial: Progress;
  nextHref: string | null;
  courseHref: string;
  labels: Labels;
  children?: React.ReactNode;
}) {
  const [progress, setProgress] = useState<Progress>(initial);
  const [failed, setFailed] = useState(false);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const mediaRef = useRef<HTMLVideoElement & HTMLAudioElement>(null);
  const lastPosition = useRef(0);
  const endRef = useRef<HTMLParagraphElement>(null);

  const report = useCallback(
    (event: LessonEvent, position?: number) => {
      queue.current = queue.current.then(async () => {
        const form = new FormData();
        form.set('courseId', courseId);
        form.set('lessonId', lessonId);
        form.set('event', event);
        if (position !== undefined) form.set('position', position.toFixed(2));
        try {
          const state = await lessonBeat(idleState, form);
          if (state.status !== 'success' || !state.data) return setFailed(state.status !== 'idle');
          setFailed(false);
          const data = state.data;
          setProgress((before) => ({
            share: Math.max(before.share, Number(data.share)),
            lessonComplete: before.lessonComplete || data.lessonComplete === 'true',
            courseComplete: before.courseComplete || data.courseComplete === 'true',
          }));
        } catch {
          setFailed(true); // offline for a moment: the next report carries on from the server's baseline
        }
      });
    },
    [courseId, lessonId],
  );

  const played = kind === 'video' || kind === 'audio';

  // Opening the page starts the clock of a reading lesson; while visible it keeps reporting.
  useEffect(() => {
    report('view');
    if (played) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') report('visible');
    }, beatSeconds * 1000);
    return () => clearInterval(timer);
  }, [report, played, beatSeconds]);

  // A text's end coming into view, once.
  useEffect(() => {
    if (kind !== 'text' || !endRef.current) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        report('reached_end');
        observer.disconnect();
      }
    });
    observer.observe(endRef.current);
    return () => observer.disconnect();
  }, [kind, report]);

  // While the recording plays, its position every beat.
  useEffect(() => {
    if (!played) return;
    const timer = setInterval(() => {
      const media = mediaRef.current;
      if (media && !media.paused && !media.seeking) report('tick', media.currentTime);
    }, beatSeconds * 1000);
    return () => clearInterval(timer);
  }, [played, report, beatSeconds]);

  const mediaEvents = {
    onPlay: (event: React.SyntheticEvent<HTMLMediaElement>) => report('start', event.currentTarget.currentTime),
    onTimeUpdate: (event: React.SyntheticEvent<HTMLMediaElement>) => {
      if (!event.currentTarget.seeking) lastPosition.current = event.currentTarget.currentTime;
    },
    // What was played up to the jump still counts; the jump itself never does.
    onSeeking: () => report('tick', lastPosition.current),
    onSeeked: (event: React.SyntheticEvent<HTMLMediaElement>) => report('seeked', event.currentTarget.currentTime),
    onPause: (event: React.SyntheticEvent<HTMLMediaElement>) => {
      if (!event.currentTarget.seeking) report('pause', event.currentTarget.currentTime);
    },
    onEnded: (event: React.SyntheticEvent<HTMLMediaElement>) => report('ended', event.currentTarget.currentTime),
  };

  const percent = Math.floor(progress.share * 100);
  return (
    <div className="space-y-4">
      {kind === 'video' && src && (
        <video ref={mediaRef} src={src} controls preload="metadata" playsInline className="aspect-video w-full rounded-2xl bg-black" {...mediaEvents} />
      )}
      {kind === 'audio' && src && (
        <audio ref={mediaRef} src={src} controls preload="metadata" className="w-full" {...mediaEvents} />
      )}
      {kind === 'document' && src && (
        <a href={src} target="_blank" rel="noopener" onClick={() => report('opened_file')} className="bg-party flex min-h-12 items-center justify-center rounded-xl text-lg font-semibold text-white">
          {labels.openDocument}
        </a>
      )}
      {children}
      {kind === 'text' && (
        <p ref={endRef} className="text-center text-stone-500">
          {labels.endOfText}
        </p>
      )}
      <div className="space-y-2 rounded-2xl bg-white p-4 shadow-sm" aria-live="polite">
        <div className="flex justify-between text-stone-700">
          <span id="lesson-progress">{labels.progress}</span>
          <span className="tabular-nums">{`${percent}%`}</span>
        </div>
        <div className="h-3 overflow-hidden rounded-full bg-stone-200" role="progressbar" aria-labelledby="lesson-progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
          <div className="bg-party h-full transition-[width]" style={{ width: `${percent}%` }} />
        </div>
        {progress.courseComplete ? (
          <p role="status" className="font-semibold text-green-800">
            {labels.courseComplete}
          </p>
        ) : (
          progress.lessonComplete && (
            <p role="status" className="font-semibold text-green-800">
              {labels.lessonComplete}
            </p>
          )
        )}
        {failed && <p className="text-party">{labels.beatFailed}</p>}
      </div>
      <div className="flex flex-wrap gap-3">
        {progress.lessonComplete && nextHref && (
          <Link href={nextHref} className="bg-party flex min-h-12 flex-1 items-center justify-center rounded-xl px-4 text-lg font-semibold text-white">
            {labels.next}
          </Link>
        )}
        <Link href={courseHref} className="flex min-h-12 flex-1 items-center justify-center rounded-xl border-2 border-stone-300 bg-white px-4 text-lg">
          {labels.back}
        </Link>
      </div>
    </div>
  );
}
