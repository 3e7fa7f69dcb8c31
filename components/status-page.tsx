import { errorMessages } from '@/lib/i18n/messages/errors';

/** 403, 404 and error pages share one calm layout that works on a phone and a desktop. */
export function StatusPage({ code, title, body, children }: { code: string; title: string; body: string; children?: React.ReactNode }) {
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 px-6 text-center">
      <p className="text-party text-5xl font-bold" aria-hidden="true">
        {code}
      </p>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="text-lg text-stone-700">{body}</p>
      <div className="flex gap-3">
        {children}
        {/* A full load, not next/link: after an error it starts the app afresh, and app/error.tsx (a
            client boundary on every page) no longer carries the router's link code (~3 KiB gzip). */}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
        <a href="/" className="bg-party inline-flex min-h-12 items-center rounded-lg px-5 text-lg text-white">
          {errorMessages.backHome}
        </a>
      </div>
    </main>
  );
}
