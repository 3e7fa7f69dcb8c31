import type { PostActionResult } from './post-action';

// The access matrix (DESIGN.md §2, §7): every server action and every page, posted or fetched
// by each of seven roles. Rows are data, one file per domain under tests/e2e/matrix/.

export const ROLES = ['anonymous', 'member', 'otherSubtreeAdmin', 'noCapabilityAdmin', 'scopedAdmin', 'hostAdmin', 'countyAdmin'] as const;
export type Role = (typeof ROLES)[number];

/** How each role is set up (tests/support/matrix-context.ts), for failure messages and the report. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  anonymous: 'anonymous (no session)',
  member: 'the demo member (a branch inside the target subtree)',
  otherSubtreeAdmin: 'org admin of another town committee, holding every capability',
  noCapabilityAdmin: 'org admin of the target town committee, holding no capability',
  scopedAdmin: 'org admin of the target town committee, holding every capability',
  hostAdmin: 'the demo host (流入地) admin, org life only',
  countyAdmin: 'the demo county admin, every capability',
};

/**
 * What an action post came to:
 * - allowed: `success` (returned { status: 'success' }) or `redirect` (it sent the browser on, e.g.
 *   a sign-in);
 * - refused: `forbidden`, `invalid`, `failed` (the returned status), or `rejected` (Next.js refused
 *   to run it).
 */
export type ActionOutcome = 'success' | 'redirect' | 'forbidden' | 'invalid' | 'failed' | 'rejected';
export const ALLOWED_OUTCOMES: readonly ActionOutcome[] = ['success', 'redirect'];

/** Ids and names the rows aim at; all inside the target subtree unless named otherwise. */
export type MatrixTargets = {
  /** The demo town committee (中共清源县城关镇委员会): the target subtree. */
  scopeOrgId: string;
  scopeOrgName: string;
  /** Another town committee: the other-subtree admin's home. */
  otherOrgId: string;
  otherOrgName: string;
  /** The demo branch (the demo member's). */
  demoBranchId: string;
  demoBranchName: string;
  /** Two branches the matrix made under the target committee, and a party group in the first. */
  branchId: string;
  branchName: string;
  secondBranchId: string;
  groupId: string;
  /** An admin of the first matrix branch: the target of the account actions. */
  targetAdminId: string;
  targetAdminUsername: string;
  /** A county-tier account bound inside the target subtree: beyond any org admin's reach. */
  higherAdminId: string;
  higherAdminUsername: string;
  /** An admin with a password and no authenticator yet: what an admin login is aimed at. */
  enrolleeId: string;
  enrolleeUsername: string;
  enrolleePassword: string;
  /** The demo member's account, and another member of the demo branch who has not activated. */
  memberUserId: string;
  memberPhone: string;
  memberName: string;
  memberPassword: string;
  pendingMemberId: string;
  pendingMemberName: string;
  pendingMemberIdNumber: string;
  /** A second member of the demo branch, activated by the matrix: the reviewers' change requests come from them. */
  requesterMemberId: string;
  requesterName: string;
  /** A member with an open outflow episode hosted (流入地) by the demo host admin's organisation. */
  hostedMemberId: string;
  hostedMemberName: string;
  /** Display names of the matrix's own admins (as the audit log shows them). */
  displayNames: Partial<Record<Role, string>>;
};

/** Everything a row may use: sessions, targets, and HTTP helpers. */
export type MatrixContext = {
  baseURL: string;
  engine: 'pglite' | 'postgres';
  /** A token unique to this run of the server, for names that must not collide. */
  run: string;
  targets: MatrixTargets;
  /** The cookie header of each role's session (none for anonymous). */
  cookie: (role: Role) => string | undefined;
  /** GET as a role, redirects not followed. */
  get: (role: Role, path: string) => Promise<{ status: number; location: string | null; html: string }>;
  /** Posts an action with form fields as a role. */
  post: <T = unknown>(role: Role, action: ActionRef, fields: FormFields | null) => Promise<PostActionResult<T>>;
  /** A page as a role sees it, for rows' reads: reused until the next post (unlike `get`). */
  read: (role: Role, path: string) => Promise<string>;
  /**
   * A page as a county-tier observer sees it (the whole county, like the county admin): how rows
   * read state. Its own session, so reads still work after the county admin has logged out.
   */
  countyHtml: (path: string) => Promise<string>;
  /** Posts as the county admin and insists on success: for preparing a row's target. */
  countyDo: (action: ActionRef, fields: FormFields) => Promise<Record<string, string>>;
  /** Posts as the second member (targets.requesterName) and insists it went through (success or redirect). */
  requesterDo: (action: ActionRef, fields: FormFields) => Promise<Record<string, string>>;
  /** The org id of the org the county admin sees by this exact name. */
  orgIdByName: (name: string) => Promise<string>;
  /** Signs the demo member in on another device (a session that is not any role's). */
  signInMemberElsewhere: () => Promise<void>;
  /** How many posts this context has made: reads are cached between changes. */
  mutations: () => number;
};

/** Form fields; a File is posted as an upload. */
export type FormFields = Record<string, string | string[] | File>;
export type ActionRef = { file: string; exportedName: string; pagePath: string };

export type ActionRow = ActionRef & {
  /** Tells several rows of one action apart (e.g. an admin target and a member target). */
  label?: string;
  /**
   * The form fields, aimed at a target inside the target subtree; built just before each role
   * posts (it may prepare a fresh target as the county). `null`: the action takes no form.
   */
  payload: (ctx: MatrixContext, role: Role) => Promise<FormFields | null> | FormFields | null;
  expect: Record<Role, ActionOutcome>;
  /** The audit action an allowed post writes (success row); omit when it writes none. */
  audit?: string | ((role: Role, fields: FormFields | null) => string | undefined);
  /**
   * A read of what the action would change, as the county admin sees it: it must be equal
   * before and after every refused post. (The audit log's success rows are always checked too.)
   */
  probe?: (ctx: MatrixContext, role: Role, fields: FormFields | null) => Promise<string>;
  /** Whether an allowed post must change the probe (false when allowing it twice is a no-op). */
  changes?: boolean;
  /** Extra checks after an allowed post: the change a user would notice. */
  check?: (ctx: MatrixContext, role: Role, response: PostActionResult<unknown>, fields: FormFields | null) => Promise<void>;
  /** The post ends the caller's own session (logout): the spec runs such rows last. */
  endsSession?: boolean;
};

/** A page status: 200, the 403 page, 404, or (anonymous) a redirect to a login page. */
export type PageOutcome = 200 | 403 | 404 | 'login';

export type PageRow = {
  /** The route as the app/ folder spells it, without route groups: `/admin/members/[id]`. */
  route: string;
  /** Tells several rows of one route apart (e.g. with a search). */
  label?: string;
  /** The URL to fetch (for dynamic routes); the route itself by default. */
  path?: (ctx: MatrixContext) => string | Promise<string>;
  expect: Record<Role, PageOutcome>;
  /** Text a role's page must or must not show, so scoping is seen, not only the status. */
  content?: (ctx: MatrixContext) => Partial<Record<Role, { shows?: string[]; hides?: string[] }>>;
};

/** Expectation shorthands for rows: everyone the same, or only some roles allowed. */
export function every<T>(value: T): Record<Role, T> {
  return Object.fromEntries(ROLES.map((role) => [role, value])) as Record<Role, T>;
}

/** `yes` for the roles named, `no` for the rest; spread and override for exceptions. */
export function only<T>(allowed: readonly Role[], yes: T, no: T): Record<Role, T> {
  return Object.fromEntries(ROLES.map((role) => [role, allowed.includes(role) ? yes : no])) as Record<Role, T>;
}
