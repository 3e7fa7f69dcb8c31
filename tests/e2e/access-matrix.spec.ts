import { expect, test } from '@playwright/test';
import { messages } from '../../lib/i18n/messages';
import { matrixContext, type Engine } from '../support/matrix-context';
import { builtActions, pageRoutes } from '../support/matrix-coverage';
import { mainOf, tableRows, textOf } from '../support/matrix-html';
import { ALLOWED_OUTCOMES, ROLES, ROLE_DESCRIPTIONS, type ActionOutcome, type ActionRow, type FormFields, type MatrixContext, type Role } from '../support/matrix-types';
import type { PostActionResult } from '../support/post-action';
import { actionRows, pageRows } from './matrix';

// The access matrix (DESIGN.md §2, §7): every server action in the build, posted directly as
// an attacker would (postAction), and every page, fetched over HTTP, by seven roles — anonymous,
// the demo member, an admin of another subtree, an admin in scope without the capability, an
// admin in scope, the host admin and the county admin. Rows are data in tests/e2e/matrix/. Runs
// on the embedded PGlite server and, when TEST_DATABASE_URL is set, on PostgreSQL (project
// `postgres`).

const rowName = (row: ActionRow) => `${row.file}#${row.exportedName}${row.label ? ` (${row.label})` : ''}`;
const who = (role: Role) => `${role} (${ROLE_DESCRIPTIONS[role]})`;
const isAllowed = (outcome: ActionOutcome) => ALLOWED_OUTCOMES.includes(outcome);

test.describe('coverage', () => {
  test('every server action in the build has a matrix row', () => {
    const covered = new Set(actionRows.map((row) => `${row.file}#${row.exportedName}`));
    const built = builtActions();
    expect(built.filter((action) => !covered.has(action)), 'server actions with no row in tests/e2e/matrix/ (see tests/e2e/matrix/index.ts)').toEqual([]);
    expect([...covered].filter((action) => !built.includes(action)), 'rows naming an action the build does not have').toEqual([]);
  });

  test('every page route under app/ has a matrix row', () => {
    const routes = pageRoutes();
    const covered = pageRows.map((row) => row.route);
    expect(routes.filter((route) => !covered.includes(route)), 'page routes with no row in tests/e2e/matrix/pages.ts').toEqual([]);
    expect(covered.filter((route) => !routes.includes(route)), 'page rows naming no route under app/').toEqual([]);
  });
});

/** What a post came to, in the matrix's terms. */
function outcomeOf(response: PostActionResult<unknown>): ActionOutcome | `unexpected: ${string}` {
  if (response.redirectTo) return 'redirect';
  if (response.rejected) return 'rejected';
  const status = (response.result as { status?: unknown } | undefined)?.status;
  if (status === 'success' || status === 'forbidden' || status === 'invalid' || status === 'failed') return status;
  return `unexpected: HTTP ${response.status} ${JSON.stringify(response.result)}`;
}

type AuditRow = { text: string; action: string };

/** The audit log's newest success rows as the county sees them, newest first: any write shows here. */
async function auditTrail(ctx: MatrixContext): Promise<AuditRow[]> {
  const rows = tableRows(mainOf(await ctx.countyHtml('/admin/audit?outcome=success'))).filter((row) => row.includes('<td'));
  return rows.map((row) => ({ text: textOf(row), action: textOf([...row.matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)][2]?.[1] ?? '') }));
}

/**
 * The rows of `after` that `before` did not have yet. Both are the newest page, newest first;
 * two rows may read alike (the same act within a second), so the old rows are found as a block.
 */
function addedRows(before: AuditRow[], after: AuditRow[]): AuditRow[] {
  for (let added = Math.max(0, after.length - before.length); added < after.length; added++) {
    if (after.slice(added).every((row, index) => row.text === before[index]?.text)) return after.slice(0, added);
  }
  return after;
}

test.describe('roles', () => {
  let ctx: Awaited<ReturnType<typeof matrixContext>>;

  test.beforeAll(async ({ playwright }, testInfo) => {
    // Signing the admins in may wait for the next authenticator step once (30 s at most).
    testInfo.setTimeout(120_000);
    const engine = (testInfo.project.metadata?.engine ?? 'pglite') as Engine;
    const started = performance.now();
    ctx = await matrixContext({ baseURL: testInfo.project.use.baseURL!, engine, playwright });
    console.log(`[access matrix] ${engine}: sessions and targets ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });
  test.afterAll(async () => {
    await ctx?.dispose();
  });

  for (const row of pageRows) {
    test(`page ${row.route}${row.label ? ` (${row.label})` : ''}`, async () => {
      const path = row.path ? await row.path(ctx) : row.route;
      const content = row.content?.(ctx) ?? {};
      // Reads change nothing, so the seven roles ask at once.
      const pages = await Promise.all(ROLES.map((role) => ctx.get(role, path)));
      for (const [index, role] of ROLES.entries()) {
        const expected = row.expect[role];
        const what = `GET ${path} as ${who(role)} should give ${expected === 'login' ? 'a redirect to a login page' : expected}`;
        const page = pages[index];
        if (expected === 'login') {
          const location = page.location ? new URL(page.location, ctx.baseURL) : null;
          expect.soft(page.status >= 300 && page.status < 400 ? location?.pathname : `HTTP ${page.status}`, what).toMatch(/^\/login(\/admin)?$/);
          expect.soft(location?.searchParams.get('next')?.split('?')[0], `${what}: the login page returns to the page`).toBe(path.split('?')[0]);
          continue;
        }
        expect.soft(page.status, what).toBe(expected);
        if (expected === 403) expect.soft(textOf(page.html), `${what}: the 403 page`).toContain(messages.errors.forbiddenTitle);
        const seen = content[role];
        for (const text of seen?.shows ?? []) expect.soft(textOf(mainOf(page.html)), `${what}: it should show ${text}`).toContain(text);
        // The whole response, the page's data payload included: hidden means never sent.
        for (const text of seen?.hides ?? []) expect.soft(page.html, `${what}: it must not show ${text}`).not.toContain(text);
      }
    });
  }


  // Ending the caller's own session comes last: every other row still needs the sessions.
  const ordered = [...actionRows.filter((row) => !row.endsSession), ...actionRows.filter((row) => row.endsSession)];
  for (const row of ordered) {
    test(`action ${rowName(row)}`, async () => {
      const expectation = (role: Role) => `${rowName(row)} posted by ${who(role)} should be ${isAllowed(row.expect[role]) ? 'allowed' : 'refused'} (${row.expect[role]})`;
      const post = async (role: Role, fields: FormFields | null) => {
        const response = await ctx.post(role, row, fields);
        const outcome = outcomeOf(response);
        expect.soft(outcome, `${expectation(role)}; the answer was ${JSON.stringify(response.result)}`).toBe(row.expect[role]);
        return { response, outcome };
      };

      // Refused roles first, each aimed at the target as it was set up: had one of them got
      // through, the change would show in its probe and in the audit log. Payloads and probes are
      // read before all refused posts and the probes again after them: pages are read once, and
      // each role's probe reads its own target (a shared target's new state names the role that
      // changed it, as does the actor of any new audit row).
      const refused = ROLES.filter((role) => !isAllowed(row.expect[role]));
      const aimed: { role: Role; fields: FormFields | null; before?: string }[] = [];
      for (const role of refused) aimed.push({ role, fields: await row.payload(ctx, role) });
      for (const entry of aimed) entry.before = await row.probe?.(ctx, entry.role, entry.fields);
      const auditBefore = await auditTrail(ctx);
      for (const { role, fields } of aimed) await post(role, fields);
      for (const { role, fields, before } of aimed) {
        if (row.probe) expect.soft(await row.probe(ctx, role, fields), `${expectation(role)}: what it aims at must not change`).toBe(before);
      }
      if (refused.length > 0) {
        const added = addedRows(auditBefore, await auditTrail(ctx)).map((entry) => entry.text);
        expect.soft(added, `${rowName(row)} posted by ${refused.join(', ')} should be refused: the audit log must gain no success row`).toEqual([]);
      }

      // Allowed roles one by one; their audit rows are counted once all have posted.
      const trailBefore = await auditTrail(ctx);
      const audited: { role: Role; action: string }[] = [];
      for (const role of ROLES.filter((candidate) => isAllowed(row.expect[candidate]))) {
        const fields = await row.payload(ctx, role);
        const before = await row.probe?.(ctx, role, fields);
        const { response, outcome } = await post(role, fields);
        const action = typeof row.audit === 'function' ? row.audit(role, fields) : row.audit;
        if (action) audited.push({ role, action });
        if (row.probe && row.changes) expect.soft(await row.probe(ctx, role, fields), `${expectation(role)}: what it aims at must change`).not.toBe(before);
        if (row.check && outcome === row.expect[role]) {
          try {
            await row.check(ctx, role, response, fields);
          } catch (error) {
            if (error instanceof Error) error.message = `${expectation(role)}\n${error.message}`;
            throw error;
          }
        }
      }
      if (audited.length > 0) {
        const added = addedRows(trailBefore, await auditTrail(ctx));
        for (const action of new Set(audited.map((entry) => entry.action))) {
          const roles = audited.filter((entry) => entry.action === action).map((entry) => entry.role);
          expect
            .soft(added.filter((entry) => entry.action === action).length, `${rowName(row)} posted by ${roles.join(', ')} should be allowed: each post must add one ${action} success row to the audit log (added: ${JSON.stringify(added.map((entry) => entry.text))})`)
            .toBe(roles.length);
        }
      }
    });
  }
});
