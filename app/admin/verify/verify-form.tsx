'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { MeetingForm } from '@/components/meeting-form';
import { idleState } from '@/lib/actions/action-state';
import { recordAttendanceByCard } from '@/lib/flow/temporary-branch-actions';
import { messages } from '@/lib/i18n/messages';
import { verifyMemberCard } from '@/lib/flow/ecard-actions';

type Labels = {
  scan: string;
  stopScan: string;
  scanUnsupported: string;
  cameraDenied: string;
  codeInput: string;
  verify: string;
  verifying: string;
  branch: string;
  status: string;
  away: string;
  certificate: string;
  noCertificate: string;
  validUntil: string;
  registration: string;
  noRegistration: string;
  photo: string;
};

// BarcodeDetector is in Chromium on Android, ChromeOS and macOS; elsewhere the code is typed.
type Detector = { detect: (source: HTMLVideoElement) => Promise<{ rawValue: string }[]> };
type DetectorConstructor = new (options: { formats: string[] }) => Detector;

const barcodeDetector = () => (window as unknown as { BarcodeDetector?: DetectorConstructor }).BarcodeDetector;

/** Scan the member's QR code with the camera, or type the code under it; the card shows below. */
export function VerifyForm({ labels, today }: { labels: Labels; today: string }) {
  const [state, formAction, pending] = useActionState(verifyMemberCard, idleState);
  const [scanning, setScanning] = useState(false);
  const [scanNote, setScanNote] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [lastCode, setLastCode] = useState('');

  useEffect(() => {
    if (!scanning) return;
    const Barcode = barcodeDetector();
    if (!Barcode) return;
    let stream: MediaStream | null = null;
    let stopped = false;
    const detector = new Barcode({ formats: ['qr_code'] });
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      } catch {
        setScanNote(labels.cameraDenied);
        setScanning(false);
        return;
      }
      if (!video.current || stopped) return;
      video.current.srcObject = stream;
      await video.current.play();
      while (!stopped) {
        const [found] = await detector.detect(video.current).catch(() => []);
        if (found?.rawValue && input.current && form.current) {
          input.current.value = found.rawValue;
          form.current.requestSubmit();
          setScanning(false);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
    return () => {
      stopped = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [scanning, labels.cameraDenied]);

  const toggleScan = () => {
    setScanNote(null);
    if (!scanning && !barcodeDetector()) {
      setScanNote(labels.scanUnsupported);
      return;
    }
    setScanning((on) => !on);
  };

  const card = state.status === 'success' ? state.data : undefined;
  const verified = state.status === 'success' ? state.message : '';
  return (
    <div className="max-w-2xl space-y-4">
      <div className="space-y-2">
        <button type="button" onClick={toggleScan} className="border-party text-party min-h-11 rounded-lg border-2 bg-white px-4 font-semibold">
          {scanning ? labels.stopScan : labels.scan}
        </button>
        {scanning && <video ref={video} muted playsInline className="aspect-square w-full max-w-sm rounded-lg bg-stone-900" />}
        {scanNote && <p className="text-stone-700">{scanNote}</p>}
      </div>
      <form ref={form} action={(formData) => { setLastCode(String(formData.get('code') ?? '')); formAction(formData); }} className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1 space-y-1">
          <label htmlFor="code" className="block font-medium">
            {labels.codeInput}
          </label>
          <input ref={input} id="code" name="code" required autoComplete="off" spellCheck={false} className="focus:border-party min-h-11 w-full rounded-lg border-2 border-stone-300 bg-white px-3 font-mono outline-none" />
        </div>
        <button type="submit" disabled={pending} className="bg-party min-h-11 rounded-lg px-5 text-white disabled:opacity-60">
          {pending ? labels.verifying : labels.verify}
        </button>
      </form>
      {state.status !== 'idle' && !card && (
        <p role="alert" className="border-party/30 bg-party/5 text-party rounded-lg border p-3">
          {state.status === 'invalid' ? (Object.values(state.fieldErrors)[0]?.[0] ?? state.message) : state.message}
        </p>
      )}
      {card && (
        <section aria-label={card.name} role="status" className="flex flex-wrap gap-4 rounded-lg border-2 border-green-300 bg-white p-4">
          {card.certificate && (
            // eslint-disable-next-line @next/next/no-img-element -- a private, per-check image: nothing for next/image to optimise or cache
            <img src={`/admin/verify/photo?code=${encodeURIComponent(lastCode.replace(/\s+/g, ''))}`} alt={`${labels.photo}：${card.name}`} className="h-32 w-24 rounded object-cover" />
          )}
          <dl className="grid min-w-0 flex-1 grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            <dt className="sr-only">{verified}</dt>
            <dd className="col-span-2 text-xl font-bold">{card.name}</dd>
            <dt className="text-stone-600">{labels.branch}</dt>
            <dd>{card.branch}</dd>
            <dt className="text-stone-600">{labels.status}</dt>
            <dd>{card.status}</dd>
            {card.away && (
              <>
                <dt className="text-stone-600">{labels.away}</dt>
                <dd className="min-w-0 break-words">{card.away}</dd>
              </>
            )}
            <dt className="text-stone-600">{labels.certificate}</dt>
            <dd>{card.certificate ? `${card.certificate}（${card.certificateState}，${labels.validUntil} ${card.validUntil}）` : labels.noCertificate}</dd>
            <dt className="text-stone-600">{labels.registration}</dt>
            <dd>{card.registration || labels.noRegistration}</dd>
          </dl>
        </section>
      )}
      {card?.attendable && (
        <MeetingForm key={lastCode} id="card-meeting" action={recordAttendanceByCard} heading={messages.temporaryBranches.attendance.fromCard} hidden={{ code: lastCode.replace(/\s+/g, '') }} today={today} />
      )}
    </div>
  );
}
