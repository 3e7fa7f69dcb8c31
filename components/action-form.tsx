'use client';

import { startTransition } from 'react';

/**
 * A form for a useActionState action that keeps what the person typed when the server answers
 * with an error (React resets a form passed to `action` after every submission, which would
 * wipe a whole activation form for one weak password). Without JavaScript it still posts.
 */
export function ActionForm({
  action,
  children,
  ...props
}: { action: (formData: FormData) => void; children: React.ReactNode } & Omit<React.FormHTMLAttributes<HTMLFormElement>, 'action' | 'onSubmit'>) {
  return (
    <form
      action={action}
      onSubmit={(event) => {
        event.preventDefault();
        const formData = new FormData(event.currentTarget);
        startTransition(() => action(formData));
      }}
      {...props}
    >
      {children}
    </form>
  );
}
