import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, PlaywrightWorkerArgs } from '@playwright/test';
import { generateDemoCounty } from '../../db/seed/demo-county';
import { timeStep, totpAt } from '../../lib/auth/totp';
import { CAPABILITIES } from '../../lib/auth/viewer';
import { hiddenValues, selectOptions, tableRows, textOf } from './matrix-html';
import type { FormFields, MatrixContext, MatrixTargets, Role } from './matrix-types';
import { postAction, type PostActionResult } from './post-action';

// Sets up the seven roles of the access matrix over plain HTTP, through the app's own flows
// only: the county admin creates the extra admin accounts and the target orgs with the same
// server actions a person would use, each new admin sets its password with the one-time code and
// enrols an authenticator, as at a real first login. Sessions and targets are kept in a file
// in the server's data folder (wiped when the e2e server starts), so a worker that restarts after
// a failed test reuses them instead of signing everyone in again.

const DEMO_PASSWORD = 'Qingyuan#2026'; // README.md's demo logins
/** The password the matrix's own admins set with their one-time codes. */
const MATRIX_PASSWORD = 'Jz!7mQ2#vLx9-juzhen';
const AUTH = 'lib/auth/actions.ts';
const ACCOUNTS = 'lib/accounts/actions.ts';
const ORGS = 'lib/orgs/actions.ts';
type State = { status: string; message?: string; data?: Record<string, string>; fieldErrors?: Record<string, string[]> };

export type Engine = 'pglite' | 'postgres';

/** The e2e server's folders (scripts/e2e-server.mjs): data (keys, TOTP secrets) and its log. */
export function serverFiles(engine: Engine): { dataDir: string; log: string } {
  const data = path.join(process.cwd(), '.data');
  return engine === 'postgres'
    ? { dataDir: path.join(data, 'e2e-pg'), log: path.join(data, 'e2e-pg-server.log') }
    : { dataDir: path.join(data, 'e2e'), log: path.join(data, 'e2e-server.log') };
}

// ---- TOTP: the same file and format as tests/e2e/fixtures.ts, so browser logins of the demo
// admins in later specs (PGlite server) know the secrets enrolled here, and the reverse.

type Enrolled = Record<string, { secret: string; lastStep: number }>;

function totpStore(engine: Engine) {
  const file = path.join(serverFiles(engine).dataDir, 'e2e-admin-totp.json');
  const read = (): Enrolled => (fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Enrolled) : {});
  return {
    get: (username: string) => read()[username],
    set: (username: string, value: { secret: string; lastStep: number }) => fs.writeFileSync(file, JSON.stringify({ ...read(), [username]: value })),
  };
}

/** A code for a step the server has not yet accepted: each code works once (one step ahead is fine). */
async function nextCode(store: ReturnType<typeof totpStore>, username: string): Promise<string> {
  const enrolled = store.get(username);
  let step = timeStep(new Date());
  // Only when this account already used the step ahead: wait for the clock (at most 30 s).
  while (enrolled.lastStep > step) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    step = timeStep(new Date());
  }
  step = Math.max(step, enrolled.lastStep + 1);
  store.set(username, { ...enrolled, lastStep: step });
  return totpAt(enrolled.secret, step);
}

function form(fields: FormFields): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const item of [value].flat()) data.append(key, item);
  return data;
}

function sessionCookie(response: PostActionResult<unknown>, who: string): string {
  const token = response.setCookie.map((line) => line.split(';')[0]).find((pair) => pair.startsWith('authjs.session-token='));
  if (!token || token === 'authjs.session-token=') {
    throw new Error(`${who}: signing in gave no session (HTTP ${response.status}, result ${JSON.stringify(response.result)})`);
  }
  return token;
}

export async function memberLogin(baseURL: string, identifier: string, password: string): Promise<string> {
  const response = await postAction<State>({ baseURL, pagePath: '/login', file: AUTH, exportedName: 'loginMember', args: [{ status: 'idle' }, form({ identifier, password })] });
  return sessionCookie(response, `member ${identifier}`);
}

/** Signs an admin in over HTTP, enrolling an authenticator at the first login. */
async function adminLogin(baseURL: string, engine: Engine, username: string, password: string): Promise<string> {
  const store = totpStore(engine);
  const post = (exportedName: string, fields: FormFields) =>
    postAction<State>({ baseURL, pagePath: '/login/admin', file: AUTH, exportedName, args: [{ status: 'idle' }, form(fields)] });
  if (store.get(username)) {
    return sessionCookie(await post('loginAdmin', { username, password, totp: await nextCode(store, username) }), `admin ${username}`);
  }
  const offered = await post('loginAdmin', { username, password });
  const { token, secret } = offered.result?.data ?? {};
  if (!token || !secret) throw new Error(`admin ${username}: no authenticator enrolment offered (${JSON.stringify(offered.result)})`);
  const step = timeStep(new Date());
  store.set(username, { secret, lastStep: step });
  return sessionCookie(await post('enrolTotp', { token, totp: totpAt(secret, step) }), `admin ${username} (enrolment)`);
}

type Saved = { run: string; cookies: Partial<Record<Role, string>>; observer: string; requester: string; targets: MatrixTargets };

/** Whether every saved session still signs its holder in (a restarted worker reuses them). */
async function sessionsAlive(baseURL: string, saved: Saved): Promise<boolean> {
  for (const cookie of [saved.observer, saved.requester, ...Object.values(saved.cookies)]) {
    if (!cookie) return false;
    const response = await fetch(new URL('/settings', baseURL), { headers: { cookie }, redirect: 'manual' });
    if (!(await response.text()).includes('已登录：')) return false;
  }
  return true;
}

/** The matrix's sessions and targets on the server at `baseURL`: made once per server run. */
export async function matrixContext(options: { baseURL: string; engine: Engine; playwright: PlaywrightWorkerArgs['playwright'] }): Promise<MatrixContext & { dispose: () => Promise<void> }> {
  const { baseURL, engine } = options;
  const stateFile = path.join(serverFiles(engine).dataDir, 'matrix-state.json');
  let saved = fs.existsSync(stateFile) ? (JSON.parse(fs.readFileSync(stateFile, 'utf8')) as Saved) : undefined;
  if (!saved || !(await sessionsAlive(baseURL, saved))) {
    saved = await setUp(baseURL, engine);
    fs.writeFileSync(stateFile, JSON.stringify(saved));
  }
  const state = saved;
  let mutations = 0;
  const reads = new Map<string, { mutations: number; html: string }>();

  const host = new URL(baseURL).hostname;
  const requests = new Map<Role | 'observer', APIRequestContext>();
  const requestFor = async (role: Role | 'observer'): Promise<APIRequestContext> => {
    let context = requests.get(role);
    if (!context) {
      const cookie = role === 'observer' ? state.observer : state.cookies[role];
      const [name, value] = cookie ? [cookie.slice(0, cookie.indexOf('=')), cookie.slice(cookie.indexOf('=') + 1)] : [];
      context = await options.playwright.request.newContext({
        baseURL,
        // A role's context can sit idle for minutes between rows; a kept-alive socket the server
        // closed meanwhile (its keep-alive timeout is 5 s) then fails the next read with ECONNRESET.
        // One connection per request costs nothing on loopback.
        extraHTTPHeaders: { connection: 'close' },
        storageState: { cookies: name ? [{ name, value: value!, domain: host, path: '/', expires: -1, httpOnly: true, secure: false, sameSite: 'Lax' }] : [], origins: [] },
      });
      requests.set(role, context);
    }
    return context;
  };

  const get = async (role: Role | 'observer', pagePath: string) => {
    const response = await (await requestFor(role)).get(pagePath, { maxRedirects: 0, failOnStatusCode: false });
    return { status: response.status(), location: response.headers()['location'] ?? null, html: await response.text() };
  };
  // Pages change only when something is posted: a read is reused until the next post.
  const read = async (role: Role | 'observer', pagePath: string) => {
    const key = `${role} ${pagePath}`;
    const cached = reads.get(key);
    if (cached?.mutations === mutations) return cached.html;
    const response = await get(role, pagePath);
    if (response.status !== 200) throw new Error(`${role}: GET ${pagePath} answered ${response.status}`);
    reads.set(key, { mutations, html: response.html });
    return response.html;
  };
  // Each session's other cookies, kept like a browser keeps them: a passkey ceremony's sealed
  // challenge comes back as a cookie that the ceremony's second step must send (never the session
  // cookie itself, which only the sign-in of setUp decides).
  const jars = new Map<Role | 'requester', Map<string, string>>();
  const postAs = async <T,>(who: Role | 'requester', action: { file: string; exportedName: string; pagePath: string }, fields: FormFields | null) => {
    mutations++;
    const jar = jars.get(who) ?? new Map<string, string>();
    jars.set(who, jar);
    const session = who === 'requester' ? state.requester : state.cookies[who];
    const cookie = [session, ...[...jar].map(([name, value]) => `${name}=${value}`)].filter(Boolean).join('; ') || undefined;
    const response = await postAction<T>({ baseURL, pagePath: action.pagePath, file: action.file, exportedName: action.exportedName, args: fields ? [{ status: 'idle' }, form(fields)] : [], cookie });
    for (const line of response.setCookie) {
      const [pair, ...attributes] = line.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1);
      if (!name.startsWith('ejia-passkey-')) continue;
      const expired = value === '' || attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute) || /^\s*expires=Thu, 01 Jan 1970/i.test(attribute));
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  const context: MatrixContext = {
    baseURL,
    engine,
    run: state.run,
    targets: state.targets,
    cookie: (role) => state.cookies[role],
    get,
    post: (role, action, fields) => postAs(role, action, fields),
    requesterDo: async (action, fields) => {
      const response = await postAs<State>('requester', action, fields);
      if (response.result?.status !== 'success' && !response.redirectTo) throw new Error(`second member: ${action.exportedName} ${JSON.stringify(fields)} → ${JSON.stringify(response.result)}`);
      return response.result?.data ?? {};
    },
    read: (role, pagePath) => read(role, pagePath),
    countyHtml: (pagePath) => read('observer', pagePath),
    countyDo: async (action, fields) => {
      const response = await context.post<State>('countyAdmin', action, fields);
      if (response.result?.status !== 'success') throw new Error(`county admin: ${action.exportedName} ${JSON.stringify(fields)} → ${JSON.stringify(response.result)}`);
      return response.result.data ?? {};
    },
    orgIdByName: async (name) => orgIdByName(await context.countyHtml('/admin/orgs'), name),
    signInMemberElsewhere: async () => {
      mutations++;
      await memberLogin(baseURL, state.targets.memberPhone, state.targets.memberPassword);
    },
    mutations: () => mutations,
  };
  return {
    ...context,
    dispose: async () => {
      for (const request of requests.values()) await request.dispose();
    },
  };
}

/** An org's id from the org page's selects (the parent list and the list of orgs below). */
export function orgIdByName(html: string, name: string): string {
  const found = [...selectOptions(html, 'create-parent'), ...selectOptions(html, 'rename-org')].find((option) => option.label === name);
  if (!found) throw new Error(`org ${name} is not on the county admin's org page`);
  return found.value;
}

async function setUp(baseURL: string, engine: Engine): Promise<Saved> {
  const run = Date.now().toString(36);
  const log = fs.readFileSync(serverFiles(engine).log, 'utf8');
  const fromLog = (pattern: RegExp, what: string) => {
    const value = pattern.exec(log)?.[1];
    if (!value) throw new Error(`the e2e server log names no ${what}`);
    return value;
  };
  const scopeOrgName = fromLog(/admin\s+committee\s+(\S+) ·/, 'demo committee');
  const demoBranchName = fromLog(/admin\s+branch\s+(\S+) ·/, 'demo branch');
  const memberPhone = fromLog(/member (\d{11}) /, 'demo member');
  const memberName = fromLog(/member \d{11} \((\S+)\)/, 'demo member name');
  const activationName = fromLog(/activation: (\S+),/, 'demo activation');

  // The seed is generated deterministically: names and synthetic ID numbers are known here.
  const county = generateDemoCounty();
  const root = county.orgs.find((org) => !org.parentKey)!;
  const otherOrgName = county.orgs.find((org) => org.parentKey === root.key && org.type === 'party_committee' && org.name !== scopeOrgName)!.name;
  const demoBranch = county.orgs.find((org) => org.name === demoBranchName)!;
  const branchMembers = county.members.filter((member) => member.orgKey === demoBranch.key);
  // Members at home (在册) only: tests/e2e/member-detail.spec.ts works on a member of this branch
  // who is away, and must find that member's record as the seed left it.
  const pending = branchMembers.find(
    (member) => member.status === 'registered' && ![memberName, activationName].includes(member.name) && branchMembers.filter((other) => other.name === member.name).length === 1,
  );
  if (!pending) throw new Error('the demo branch has no other member to aim activation at');
  // Names that occur once in the county, so a member search finds exactly that member.
  const nameCounts = new Map<string, number>();
  for (const member of county.members) nameCounts.set(member.name, (nameCounts.get(member.name) ?? 0) + 1);
  // tests/e2e/passkeys.spec.ts signs in as the last member whose name is unique: never that one.
  const passkeyMember = county.members.findLast((member) => nameCounts.get(member.name) === 1 && member.name !== activationName);
  const taken = [memberName, activationName, pending.name, passkeyMember?.name];
  const usable = (member: (typeof county.members)[number]) => nameCounts.get(member.name) === 1 && !taken.includes(member.name);
  // A second member of the demo branch, activated here: the one whose change requests the
  // reviewers decide (decisions on the demo member's own requests would show as unseen news in
  // tests/e2e/change-requests.spec.ts).
  const requester = branchMembers.find((member) => usable(member) && member.status === 'registered');
  // A member whose open outflow episode the demo host (流入地) organisation hosts.
  const hostOrgName = fromLog(/admin\s+host\s+(\S+) ·/, 'demo host');
  const hostOrg = county.orgs.find((org) => org.name === hostOrgName);
  // Outside both town committees of the roles, so only the host admin and the county reach it.
  const committeeOf = (orgKey: string): string | undefined => {
    const org = county.orgs.find((candidate) => candidate.key === orgKey);
    return !org || org.parentKey === root.key ? org?.name : committeeOf(org.parentKey!);
  };
  const hosted = county.members.find(
    (member) =>
      member.outflow?.hostOrgKey === hostOrg?.key &&
      member.status === 'outflow' &&
      usable(member) &&
      member.name !== requester?.name &&
      ![scopeOrgName, otherOrgName].includes(committeeOf(member.orgKey) ?? ''),
  );
  if (!requester || !hosted) throw new Error('the demo county has no member to aim change requests or the host admin at');

  const cookies: Partial<Record<Role, string>> = {};
  cookies.countyAdmin = await adminLogin(baseURL, engine, 'county', DEMO_PASSWORD);
  cookies.hostAdmin = await adminLogin(baseURL, engine, 'host', DEMO_PASSWORD);
  cookies.member = await memberLogin(baseURL, memberPhone, DEMO_PASSWORD);

  const countyPost = async (file: string, pagePath: string, exportedName: string, fields: FormFields) => {
    const response = await postAction<State>({ baseURL, pagePath, file, exportedName, args: [{ status: 'idle' }, form(fields)], cookie: cookies.countyAdmin });
    if (response.result?.status !== 'success') throw new Error(`setting up: county ${exportedName} ${JSON.stringify(fields)} → ${JSON.stringify(response.result)}`);
    return response.result.data ?? {};
  };
  const countyGet = async (pagePath: string) => {
    const response = await fetch(new URL(pagePath, baseURL), { headers: { cookie: cookies.countyAdmin! }, redirect: 'manual' });
    if (response.status !== 200) throw new Error(`setting up: county GET ${pagePath} → ${response.status}`);
    return response.text();
  };

  let orgsHtml = await countyGet('/admin/orgs');
  const scopeOrgId = orgIdByName(orgsHtml, scopeOrgName);
  const otherOrgId = orgIdByName(orgsHtml, otherOrgName);
  const demoBranchId = orgIdByName(orgsHtml, demoBranchName);
  const branchName = `矩阵测试甲支部${run}`;
  const secondBranchName = `矩阵测试乙支部${run}`;
  const groupName = `矩阵测试党小组${run}`;
  await countyPost(ORGS, '/admin/orgs', 'createOrg', { parentId: scopeOrgId, name: branchName, type: 'branch' });
  await countyPost(ORGS, '/admin/orgs', 'createOrg', { parentId: scopeOrgId, name: secondBranchName, type: 'branch' });
  const branchId = orgIdByName(await countyGet('/admin/orgs'), branchName);
  await countyPost(ORGS, '/admin/orgs', 'createOrg', { parentId: branchId, name: groupName, type: 'party_group' });
  orgsHtml = await countyGet('/admin/orgs');

  // The admins the roles need, created by the county as a person would, each with a one-time code.
  const admins = {
    otherSubtreeAdmin: { username: `matrix-other-${run}`, displayName: '矩阵外辖区管理员', orgId: otherOrgId, capabilities: [...CAPABILITIES] },
    noCapabilityAdmin: { username: `matrix-nocap-${run}`, displayName: '矩阵无权限管理员', orgId: scopeOrgId, capabilities: [] },
    scopedAdmin: { username: `matrix-scoped-${run}`, displayName: '矩阵本辖区管理员', orgId: scopeOrgId, capabilities: [...CAPABILITIES] },
  } as const;
  // Reads the county's pages for the checks, in a session that no row ends (the county admin's
  // own session ends in the logout row).
  const observer = { username: `matrix-observer-${run}`, displayName: '矩阵县级观察员', tier: 'county_admin', orgId: orgIdByName(orgsHtml, root.name), capabilities: [...CAPABILITIES] };
  // The target of the account actions (never signs in), and an admin who sets a password but has
  // not enrolled an authenticator yet (what the admin login row is aimed at).
  const target = { username: `matrix-target-${run}`, displayName: '矩阵目标管理员', orgId: branchId, capabilities: ['archive'] };
  const enrollee = { username: `matrix-enrollee-${run}`, displayName: '矩阵待绑定管理员', orgId: branchId, capabilities: [] };
  // A county-tier account bound inside the target subtree: a higher tier than the org admins there.
  const higher = { username: `matrix-higher-${run}`, displayName: '矩阵县级账号', tier: 'county_admin', orgId: branchId, capabilities: ['archive'] };
  const create = async (admin: { username: string; displayName: string; orgId: string; tier?: string; capabilities: readonly string[] }, signIn: boolean) => {
    const { code } = await countyPost(ACCOUNTS, '/admin/accounts', 'createAdminAccount', { tier: 'org_admin', ...admin, capabilities: [...admin.capabilities] });
    const reset = await postAction<State>({
      baseURL,
      pagePath: '/reset',
      file: AUTH,
      exportedName: 'resetPassword',
      args: [{ status: 'idle' }, form({ identifier: admin.username, code, password: MATRIX_PASSWORD, passwordConfirm: MATRIX_PASSWORD })],
    });
    if (reset.result?.status !== 'success') throw new Error(`setting up: ${admin.username} could not set a password (${JSON.stringify(reset.result)})`);
    return signIn ? adminLogin(baseURL, engine, admin.username, MATRIX_PASSWORD) : undefined;
  };
  for (const [role, admin] of Object.entries(admins) as [Role, (typeof admins)[keyof typeof admins]][]) cookies[role] = await create(admin, true);
  const observerCookie = (await create(observer, true))!;
  await create(enrollee, false);
  for (const admin of [target, higher]) await countyPost(ACCOUNTS, '/admin/accounts', 'createAdminAccount', { tier: 'org_admin', ...admin, capabilities: [...admin.capabilities] });

  const accountRows = tableRows(await countyGet('/admin/accounts'));
  const userIdOf = (username: string) => {
    const row = accountRows.find((html) => textOf(html).startsWith(username));
    const id = row && hiddenValues(row, 'userId')[0];
    if (!id) throw new Error(`setting up: ${username} is not on the county admin's accounts page`);
    return id;
  };
  // A member's row in the member search: name first, then the masked ID number and the branch.
  const memberRowOf = async (name: string) =>
    tableRows(await countyGet(`/admin/accounts?q=${encodeURIComponent(name)}`)).find((row) => textOf(row).startsWith(`${name} `) && textOf(row).includes(demoBranchName));
  const memberRow = await memberRowOf(memberName);
  const memberUserId = memberRow && hiddenValues(memberRow, 'userId')[0];
  const pendingRow = await memberRowOf(pending.name);
  const pendingMemberId = pendingRow && hiddenValues(pendingRow, 'memberId')[0];
  if (!memberUserId || !pendingMemberId) throw new Error('setting up: demo branch members not found on the accounts page');
  const memberIdOf = async (name: string) => {
    const row = tableRows(await countyGet(`/admin/accounts?q=${encodeURIComponent(name)}`)).find((html) => textOf(html).startsWith(`${name} `));
    const id = row && hiddenValues(row, 'memberId')[0];
    if (!id) throw new Error(`setting up: member ${name} not found on the accounts page`);
    return id;
  };
  const requesterMemberId = await memberIdOf(requester.name);
  const hostedMemberId = await memberIdOf(hosted.name);
  const { code: requesterCode } = await countyPost(ACCOUNTS, '/admin/accounts', 'issueMemberActivationCode', { memberId: requesterMemberId });
  const activated = await postAction<State>({
    baseURL,
    pagePath: '/activate',
    file: AUTH,
    exportedName: 'activate',
    args: [{ status: 'idle' }, form({ name: requester.name, idNumber: requester.idNumber, code: requesterCode, password: MATRIX_PASSWORD, passwordConfirm: MATRIX_PASSWORD, consent: 'on' })],
  });
  const requesterCookie = sessionCookie(activated, `member ${requester.name} (activation)`);

  return {
    run,
    cookies,
    observer: observerCookie,
    requester: requesterCookie,
    targets: {
      scopeOrgId,
      scopeOrgName,
      otherOrgId,
      otherOrgName,
      demoBranchId,
      demoBranchName,
      branchId,
      branchName,
      secondBranchId: orgIdByName(orgsHtml, secondBranchName),
      groupId: orgIdByName(orgsHtml, groupName),
      targetAdminId: userIdOf(target.username),
      targetAdminUsername: target.username,
      higherAdminId: userIdOf(higher.username),
      higherAdminUsername: higher.username,
      enrolleeId: userIdOf(enrollee.username),
      enrolleeUsername: enrollee.username,
      enrolleePassword: MATRIX_PASSWORD,
      memberUserId,
      memberPhone,
      memberName,
      memberPassword: DEMO_PASSWORD,
      pendingMemberId,
      pendingMemberName: pending.name,
      pendingMemberIdNumber: pending.idNumber,
      requesterMemberId,
      requesterName: requester.name,
      hostedMemberId,
      hostedMemberName: hosted.name,
      displayNames: Object.fromEntries(Object.entries(admins).map(([role, admin]) => [role, admin.displayName])),
    },
  };
}

