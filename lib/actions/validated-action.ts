import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import { appendAuditFailure } from '@/lib/audit/audit';
import { hasAccess, type Access } from '@/lib/auth/access';
import { getViewer, requestContext } from '@/lib/auth/session';
import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import type { ActionState } from './action-state';

/** Form fields as an object; a repeated name (checkboxes) becomes an array. */
function formFields(formData: FormData): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of formData) {
    if (key.startsWith('$ACTION')) continue;
    const previous = fields[key];
    fields[key] = previous === undefined ? value : ([] as unknown[]).concat(previous, value);
  }
  return fields;
}

/**
 * The one wrapper every server action goes through: resolve the viewer → parse the form with
 * zod → check access → run the body. Every action is a public POST endpoint, so it never trusts
 * the page that rendered the form. Bad input gets Chinese field messages and changes nothing; a
 * thrown error becomes a generic failure (its details may hold data the caller must not see).
 */
export function validatedAction<Schema extends z.ZodType<Record<string, unknown>>>(
  options: { schema: Schema; access: Access; /** audited name of the act, for refused attempts */ action?: string },
  body: (input: z.output<Schema>, context: { viewer: Viewer | null; ip: string }) => Promise<ActionState>,
) {
  return async (_previous: ActionState, formData: FormData): Promise<ActionState> => {
    const viewer = await getViewer();
    if (!hasAccess(viewer, options.access)) {
      if (viewer && options.action) {
        await appendAuditFailure({
          actor: { userId: viewer.userId, tier: viewer.tier },
          action: options.action,
          ip: (await requestContext()).ip,
          detail: { reason: 'no access' },
        });
      }
      return { status: 'forbidden', message: messages.actions.forbidden };
    }
    if (!(formData instanceof FormData)) return { status: 'invalid', message: messages.actions.invalid, fieldErrors: {} };
    const parsed = options.schema.safeParse(formFields(formData));
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '_');
        (fieldErrors[key] ??= []).push(issue.message);
      }
      return { status: 'invalid', message: messages.actions.invalid, fieldErrors };
    }
    try {
      const { ip } = await requestContext();
      const result = await body(parsed.data, { viewer, ip });
      // A refusal decided by the body (target outside the caller's subtree) is audited too.
      if (result.status === 'forbidden' && viewer && options.action) {
        await appendAuditFailure({ actor: { userId: viewer.userId, tier: viewer.tier }, action: options.action, ip, detail: { reason: result.message } });
      }
      return result;
    } catch (error) {
      // Redirects and other Next.js control flow (a successful login's redirect) pass through.
      unstable_rethrow(error);
      console.error('[ejia] action failed:', error instanceof Error ? error.message : error);
      return { status: 'failed', message: messages.actions.failed };
    }
  };
}
