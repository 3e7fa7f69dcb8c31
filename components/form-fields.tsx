import type { ActionState } from '@/lib/actions/action-state';
import { messages } from '@/lib/i18n/messages';

/** The first message the server gave for a field, if any. */
export function fieldErrorOf(state: ActionState, name: string): string | undefined {
  return state.status === 'invalid' ? state.fieldErrors[name]?.[0] : undefined;
}

/** A field's message, with the id its control names in aria-describedby (`<name>-error`). */
export function FieldError({ state, name }: { state: ActionState; name: string }) {
  const error = fieldErrorOf(state, name);
  return error ? (
    <p id={`${name}-error`} className="text-party text-sm">
      {error}
    </p>
  ) : null;
}

/** A labelled input with its error, large enough to tap on a phone. */
export function Field({
  name,
  label,
  hint,
  state,
  ...input
}: { name: string; label: string; hint?: string; state: ActionState } & React.InputHTMLAttributes<HTMLInputElement>) {
  const error = fieldErrorOf(state, name);
  const describedBy = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-lg font-medium">
        {label}
      </label>
      <input
        id={name}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="focus:border-party min-h-12 w-full rounded-xl border-2 border-stone-300 bg-white px-3 text-lg outline-none"
        {...input}
      />
      {hint && (
        <p id={`${name}-hint`} className="text-stone-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${name}-error`} className="text-party">
          {error}
        </p>
      )}
    </div>
  );
}

export function FormMessage({ state }: { state: ActionState }) {
  if (state.status === 'idle' || state.status === 'success') return <p role="status" aria-live="polite" className="sr-only" />;
  return (
    <p role="alert" className="border-party/30 bg-party/5 text-party rounded-xl border p-3">
      {state.message}
    </p>
  );
}

export function SubmitButton({ pending, label, pendingLabel }: { pending: boolean; label: string; pendingLabel: string }) {
  return (
    <button type="submit" disabled={pending} className="bg-party min-h-12 w-full rounded-xl text-lg font-semibold text-white disabled:opacity-60">
      {pending ? pendingLabel : label}
    </button>
  );
}

/**
 * The personal-information notice and the consent box under it. Activation and the "不在库" claim
 * both show it, so the consent they record is given to the same text and version.
 */
export function PrivacyConsent({ state }: { state: ActionState }) {
  const error = state.status === 'invalid' ? state.fieldErrors.consent?.[0] : undefined;
  return (
    <>
      <section aria-labelledby="notice" tabIndex={0} className="max-h-64 space-y-2 overflow-y-auto rounded-xl border border-stone-200 bg-stone-50 p-3">
        <h2 id="notice" className="font-semibold">
          {messages.privacy.title}（{messages.privacy.version}）
        </h2>
        {messages.privacy.sections.map((section) => (
          <p key={section.heading} className="text-stone-700">
            <strong>{section.heading}：</strong>
            {section.body}
          </p>
        ))}
      </section>
      <label className="flex min-h-12 items-center gap-3 text-lg">
        <input type="checkbox" name="consent" className="accent-party h-6 w-6" aria-invalid={error ? true : undefined} required />
        {messages.auth.consent}
      </label>
      {error && <p className="text-party">{error}</p>}
    </>
  );
}
