import { createHash } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { connection, getDb } from '@/db/client';
import { queryRows } from '@/db/rows';
import { auditLog, keyFingerprints } from '@/db/schema';
import { appendAudit, appendAuditFailure, canonicalJson, settleAuditWrites, verifyAuditChain, type AuditEntry } from '@/lib/audit/audit';
import { findIdNumbersInClear } from '@/tests/support/pii-scan';

const ADMIN = { userId: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b', tier: 'county_admin' } as const;
const ID = '34052419800101001X';

const entry = (action: string, detail: Record<string, unknown> = {}): AuditEntry => ({
  actor: ADMIN,
  action,
  entityType: 'org',
  entityId: '42',
  orgId: 1,
  ip: '203.0.113.7',
  outcome: 'success',
  detail,
});

async function appendMany(count: number): Promise<number[]> {
  await getDb().transaction(async (tx) => {
    for (let i = 1; i <= count; i += 1) await appendAudit(tx, entry(`test.step_${i}`, { step: i }));
  });
  return (await getDb().select({ id: auditLog.id }).from(auditLog).orderBy(asc(auditLog.id))).map((row) => row.id);
}

/** Runs `change` with the append-only trigger off, as someone with table-owner rights could. */
async function tamper(change: string): Promise<void> {
  await getDb().execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
  try {
    await getDb().execute(sql.raw(change));
  } finally {
    await getDb().execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
  }
}

/** The database's own message: drizzle wraps it in a 'Failed query' error as the cause. */
async function refusal(statement: Promise<unknown>): Promise<string> {
  try {
    await statement;
  } catch (error) {
    return error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
  }
  return 'not refused';
}

async function rowCount(): Promise<number> {
  const [{ n }] = await queryRows<{ n: number }>(getDb(), sql`SELECT count(*)::int AS n FROM audit_log`);
  return n;
}

beforeEach(async () => {
  // TRUNCATE is not a row event, so the append-only trigger lets the tests start from empty.
  await getDb().execute(sql`TRUNCATE audit_log RESTART IDENTITY`);
  await getDb().execute(sql`DELETE FROM key_fingerprints WHERE name LIKE 'audit-test%'`);
});

describe('appending', () => {
  it('chains rows written in a transaction and verifies them', async () => {
    const ids = await appendMany(4);
    expect(ids).toHaveLength(4);
    expect(await verifyAuditChain(getDb())).toEqual({ ok: true, rows: 4 });
    const rows = await getDb().select().from(auditLog).orderBy(asc(auditLog.id));
    expect(Buffer.from(rows[0].prevHash).equals(Buffer.alloc(32))).toBe(true);
    for (let i = 1; i < rows.length; i += 1) expect(Buffer.from(rows[i].prevHash).equals(Buffer.from(rows[i - 1].hash))).toBe(true);
    expect(rows[0]).toMatchObject({ actorUserId: ADMIN.userId, actorTier: 'county_admin', action: 'test.step_1', orgId: 1, outcome: 'success' });
  });

  it('verifies nested detail whose keys jsonb stores in another order, and awkward values', async () => {
    const detail = {
      zeta: { y: [{ b: 2, a: 1 }], x: null, longer_key: true },
      alpha: '名称：清源县第一支部 🚩',
      bb: 1e21,
      a: 0.1 + 0.2,
      tiny: 1e-7,
      nul: 'before\u0000after',
      dropped: undefined,
    };
    await getDb().transaction((tx) => appendAudit(tx, entry('org.rename', detail)));
    await appendAudit(getDb(), { actor: null, action: 'system.tick', outcome: 'success' });
    const [stored] = await queryRows<{ text: string }>(getDb(), sql`SELECT detail::text AS text FROM audit_log ORDER BY id LIMIT 1`);
    // jsonb puts shorter keys first: the stored order is not the sorted order the hash uses.
    expect(stored.text.indexOf('"bb"')).toBeLessThan(stored.text.indexOf('"alpha"'));
    expect(stored.text).toContain('before\uFFFDafter');
    expect(await verifyAuditChain(getDb())).toEqual({ ok: true, rows: 2 });
  });

  it('serialises JSON with keys sorted at every depth', () => {
    expect(canonicalJson({ b: { d: 1, c: [{ f: 1, e: 2 }] }, a: 'x', u: undefined })).toBe('{"a":"x","b":{"c":[{"e":2,"f":1}],"d":1}}');
  });

  it('refuses to append inside a REPEATABLE READ transaction, whose snapshot could miss the last row', async () => {
    await expect(
      getDb().transaction((tx) => appendAudit(tx, entry('test.rr')), { isolationLevel: 'repeatable read' }),
    ).rejects.toThrow(/READ COMMITTED/);
    expect(await rowCount()).toBe(0);
  });

  it('rolls back with the caller: an appended row belongs to the act it records', async () => {
    await expect(
      getDb().transaction(async (tx) => {
        await appendAudit(tx, entry('test.undone'));
        throw new Error('the act failed');
      }),
    ).rejects.toThrow('the act failed');
    expect(await rowCount()).toBe(0);
    await appendMany(1);
    // The rolled-back row used an id: the gap must not break the chain.
    expect(await verifyAuditChain(getDb())).toEqual({ ok: true, rows: 1 });
  });
});

describe('append-only', () => {
  it('refuses UPDATE and leaves the row unchanged', async () => {
    const [id] = await appendMany(1);
    expect(await refusal(getDb().execute(sql`UPDATE audit_log SET action = 'test.forged' WHERE id = ${id}`))).toMatch(/append-only: UPDATE refused/);
    const [row] = await getDb().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.id, id));
    expect(row.action).toBe('test.step_1');
  });

  it('refuses DELETE and leaves the row in place', async () => {
    const [id] = await appendMany(1);
    expect(await refusal(getDb().execute(sql`DELETE FROM audit_log WHERE id = ${id}`))).toMatch(/append-only: DELETE refused/);
    expect(await rowCount()).toBe(1);
    expect(await verifyAuditChain(getDb())).toEqual({ ok: true, rows: 1 });
  });
});

describe('tamper detection', () => {
  it('reports the row whose detail was changed', async () => {
    const ids = await appendMany(5);
    await tamper(`UPDATE audit_log SET detail = '{"step": 99}' WHERE id = ${ids[2]}`);
    expect(await verifyAuditChain(getDb())).toEqual({ ok: false, rows: 2, brokenAtId: ids[2], reason: 'hash mismatch' });
  });

  it('reports the row whose action was changed', async () => {
    const ids = await appendMany(5);
    await tamper(`UPDATE audit_log SET action = 'test.innocent' WHERE id = ${ids[3]}`);
    expect(await verifyAuditChain(getDb())).toEqual({ ok: false, rows: 3, brokenAtId: ids[3], reason: 'hash mismatch' });
  });

  it('reports the row whose time was moved by a millisecond', async () => {
    const ids = await appendMany(3);
    await tamper(`UPDATE audit_log SET at = at + interval '1 millisecond' WHERE id = ${ids[0]}`);
    expect(await verifyAuditChain(getDb())).toEqual({ ok: false, rows: 0, brokenAtId: ids[0], reason: 'hash mismatch' });
  });

  it('reports the row after a deleted middle row as a broken link', async () => {
    const ids = await appendMany(5);
    await tamper(`DELETE FROM audit_log WHERE id = ${ids[2]}`);
    expect(await verifyAuditChain(getDb())).toEqual({ ok: false, rows: 2, brokenAtId: ids[3], reason: 'broken link' });
  });

  it('reports a deleted first row: the new first row does not start from the zero hash', async () => {
    const ids = await appendMany(3);
    await tamper(`DELETE FROM audit_log WHERE id = ${ids[0]}`);
    expect(await verifyAuditChain(getDb())).toEqual({ ok: false, rows: 0, brokenAtId: ids[1], reason: 'broken link' });
  });

  it('reports a row rewritten with a correctly recomputed hash at the next row, as a broken link', async () => {
    const ids = await appendMany(3);
    const [row] = await getDb().select().from(auditLog).where(eq(auditLog.id, ids[1]));
    const { id: _id, hash: _hash, prevHash, at, ...fields } = row;
    const forged = { ...fields, at: at.toISOString(), action: 'test.forged' };
    const hash = createHash('sha256').update(prevHash).update(canonicalJson(forged)).digest('hex');
    await tamper(`UPDATE audit_log SET action = 'test.forged', hash = '\\x${hash}' WHERE id = ${ids[1]}`);
    expect(await verifyAuditChain(getDb())).toEqual({ ok: false, rows: 2, brokenAtId: ids[2], reason: 'broken link' });
  });

  it('carries the chain across batches, ending on a full batch or a partial one', async () => {
    const ids = await appendMany(6);
    expect(await verifyAuditChain(getDb(), { batchSize: 2 })).toEqual({ ok: true, rows: 6 });
    expect(await verifyAuditChain(getDb(), { batchSize: 4 })).toEqual({ ok: true, rows: 6 });
    await tamper(`DELETE FROM audit_log WHERE id = ${ids[2]}`);
    // Rows left: 1, 2 | 4, 5 | 6. Row 4 opens the second batch; its link is checked against row 2.
    expect(await verifyAuditChain(getDb(), { batchSize: 2 })).toEqual({ ok: false, rows: 2, brokenAtId: ids[3], reason: 'broken link' });
  });
});

describe('failures survive a rollback', () => {
  const failure = { actor: null, action: 'auth.login', entityType: 'user', entityId: 'someone', ip: '198.51.100.9', detail: { password: 'guess' } };

  it('writes a failure outside any transaction at once', async () => {
    await appendAuditFailure(failure);
    const rows = await getDb().select().from(auditLog);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'auth.login', outcome: 'failure', actorUserId: null, detail: { password: '[redacted]' } });
    expect(await verifyAuditChain(getDb())).toEqual({ ok: true, rows: 1 });
  });

  it.skipIf(connection().engine !== 'pglite')(
    'PGlite: a failure written inside a transaction is queued behind it and written after the rollback',
    async () => {
      let settled: Promise<string> | undefined;
      await expect(
        getDb().transaction(async (tx) => {
          await tx.insert(keyFingerprints).values({ name: 'audit-test-work', fingerprint: 'x' });
          // Resolves at once: awaiting the write here would wait for this very transaction.
          await appendAuditFailure(failure);
          settled = settleAuditWrites().then(() => 'written');
          // The queued row cannot be written while this transaction is open, so settling waits.
          expect(await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 50, 'waiting'))])).toBe('waiting');
          throw new Error('the act failed');
        }),
      ).rejects.toThrow('the act failed');
      expect(await settled).toBe('written');
      expect(await getDb().select().from(keyFingerprints).where(eq(keyFingerprints.name, 'audit-test-work'))).toHaveLength(0);
      const rows = await getDb().select().from(auditLog);
      expect(rows.map((row) => [row.action, row.outcome])).toEqual([['auth.login', 'failure']]);
      expect(await verifyAuditChain(getDb())).toEqual({ ok: true, rows: 1 });
    },
  );

  it.skipIf(connection().engine !== 'postgres')(
    'PostgreSQL: a failure written inside a transaction commits on its own connection before the rollback',
    async () => {
      // A second writer holds the chain lock for a moment, so a write that was merely started
      // (not committed) when appendAuditFailure resolved would still be missing below.
      let holdingLock!: () => void;
      const locked = new Promise<void>((resolve) => (holdingLock = resolve));
      const otherWriter = getDb().transaction(async (tx) => {
        await appendAudit(tx, entry('test.other_writer'));
        holdingLock();
        await tx.execute(sql`SELECT pg_sleep(0.2)`);
      });
      await locked;
      await expect(
        getDb().transaction(async (tx) => {
          await tx.insert(keyFingerprints).values({ name: 'audit-test-work', fingerprint: 'x' });
          await appendAuditFailure(failure);
          // Another pooled connection already sees it while this transaction is still open.
          expect(await rowCount()).toBe(2);
          throw new Error('the act failed');
        }),
      ).rejects.toThrow('the act failed');
      await otherWriter;
      expect(await getDb().select().from(keyFingerprints).where(eq(keyFingerprints.name, 'audit-test-work'))).toHaveLength(0);
      const rows = await getDb().select().from(auditLog).orderBy(asc(auditLog.id));
      expect(rows.map((row) => [row.action, row.outcome])).toEqual([
        ['test.other_writer', 'success'],
        ['auth.login', 'failure'],
      ]);
      expect(await verifyAuditChain(getDb())).toEqual({ ok: true, rows: 2 });
    },
  );
});

describe('concurrent writers', () => {
  it.skipIf(connection().engine === 'pglite')(
    'chains 20 concurrent transactions in order (PostgreSQL only: PGlite runs transactions one at a time)',
    async () => {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          getDb().transaction(async (tx) => {
            await tx.execute(sql`SELECT pg_sleep(0.002)`);
            await appendAudit(tx, entry('test.concurrent', { i }));
            // Held open after the append: without the lock, others would read the same last row meanwhile.
            await tx.execute(sql`SELECT pg_sleep(0.005)`);
          }),
        ),
      );
      expect(await verifyAuditChain(getDb())).toEqual({ ok: true, rows: 20 });
    },
  );

  it.skipIf(connection().engine === 'pglite')(
    'chains 20 concurrent appends given the plain db, each in a transaction of its own (PostgreSQL only: PGlite is one connection)',
    async () => {
      await Promise.all(Array.from({ length: 20 }, (_, i) => appendAudit(getDb(), entry('test.concurrent_plain', { i }))));
      expect(await verifyAuditChain(getDb())).toEqual({ ok: true, rows: 20 });
    },
  );
});

describe('personal data', () => {
  it('never stores a full ID number, a phone number or a password', async () => {
    await getDb().transaction((tx) =>
      appendAudit(tx, {
        ...entry('member.reveal_id', {
          idNumber: ID,
          note: `查看了 ${ID} 的档案，电话 13812345678`,
          password: 'hunter2-secret',
          nested: { resetCode: '842913' },
        }),
        entityId: ID,
      }),
    );
    const [row] = await getDb().select().from(auditLog);
    expect(row.detail).toEqual({
      idNumber: '340524********001X',
      note: '查看了 340524********001X 的档案，电话 138****5678',
      password: '[redacted]',
      nested: { resetCode: '[redacted]' },
    });
    expect(row.entityId).toBe('340524********001X');
    expect(await findIdNumbersInClear(getDb(), [ID])).toEqual([]);
    const [{ text }] = await queryRows<{ text: string }>(getDb(), sql`SELECT detail::text AS text FROM audit_log`);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('13812345678');
    expect(await verifyAuditChain(getDb())).toEqual({ ok: true, rows: 1 });
  });
});
