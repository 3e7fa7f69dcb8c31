'use client';

import { StatusPage } from '@/components/status-page';
import { errorMessages } from '@/lib/i18n/messages/errors';

// Shows no details: an error message may carry data the viewer must not see.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <StatusPage code="500" title={errorMessages.errorTitle} body={errorMessages.errorBody}>
      <button type="button" onClick={reset} className="inline-flex min-h-12 items-center rounded-lg border border-stone-300 bg-white px-5 text-lg">
        {errorMessages.retry}
      </button>
    </StatusPage>
  );
}
