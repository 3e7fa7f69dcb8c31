import 'server-only';
import { createHash } from 'node:crypto';
import { asc, desc, gt, is, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { connection, getDb, type Executor } from '@/db/client';
import { queryRows } from '@/db/rows';
import { auditLog } from '@/db/schema';
import type { Tier } from '@/lib/auth/viewer';
import { redactForAudit } from './redact';

export type AuditEntry = {
  /** null: anonymous (a failed login) or the system itself. */
  actor: { userId: string; tier: Tier } | null;
  /** Dotted verb, e.g. 'auth.login', 'member.reveal_id', 'org.rename'. */
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  /** The org the act concerns, so admins can be shown the trail of their own subtree. */
  orgId?: number | null;
  ip?: string | null;
  outcome: 'success' | 'failure';
  /** Before/after and the like. Always passed through redactForAudit before it is stored. */
  detail?: Record<string, unknown>;
};

export type AuditChainResult =
  | { ok: true; rows: number }
  | { ok: false; rows: number; brokenAtId: number; reason: 'hash mismatch' | 'broken link' };

// One constant per purpose, beside db/migrate.ts (…001) and the demo seed (…002).
const AUDIT_CHAIN_LOCK_KEY = 7_245_310_003;
const GENESIS = new Uint8Array(32);
const VERIFY_BATCH = 5_000;
// A failure row written from inside a transaction that already appended (and so holds the chain
// lock until it ends) would wait for that transaction forever; fail loudly instead.
const FAILURE_LOCK_TIMEOUT = '10s';

/** Exactly the fields the hash covers; `at` as ISO text with milliseconds, as timestamptz(3) keeps it. */
type ChainContent = {
  at: string;
  actorUserId: string | null;
  actorTier: Tier | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  orgId: number | null;
  ip: string | null;
  outcome: 'success' | 'failure';
  detail: unknown;
};

/**
 * JSON with object keys sorted at every depth. jsonb stores keys in its own order, so the hash
 * must not depend on the order in which the writer happened to build the object.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function chainHash(prevHash: Uint8Array, content: ChainContent): Uint8Array {
  return new Uint8Array(createHash('sha256').update(prevHash).update(canonicalJson(content), 'utf8').digest());
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
}

// PostgreSQL text and jsonb refuse NUL and lone surrogates: a request carrying one must not be
// able to make its own audit row fail to insert.
function storable(text: string): string {
  return text.replaceAll('\u0000', '\uFFFD').toWellFormed();
}

function storableJson(value: unknown): unknown {
  if (typeof value === 'string') return storable(value);
  if (Array.isArray(value)) return value.map((item) => storableJson(item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [storable(key), storableJson(item)]));
  }
  return value;
}

// Cut to the varchar length (in characters, as PostgreSQL counts) rather than lose the row; an
// over-long X-Forwarded-For or entity id is the caller's input, not a reason to skip the audit.
function column(text: string | null | undefined, length: number): string | null {
  if (text === null || text === undefined) return null;
  return Array.from(storable(text)).slice(0, length).join('');
}

/** Redacted, copied and timestamped at the call, so later changes to the caller's objects do not leak in. */
function prepare(entry: AuditEntry): ChainContent {
  // Through JSON once so the hashed value is the one jsonb will give back (no undefined, no NaN).
  const detail: unknown = JSON.parse(JSON.stringify(storableJson(redactForAudit(entry.detail ?? {}))));
  const entityId = entry.entityId === null || entry.entityId === undefined ? null : String(redactForAudit(entry.entityId));
  return {
    at: new Date().toISOString(),
    actorUserId: entry.actor?.userId ?? null,
    actorTier: entry.actor?.tier ?? null,
    action: column(entry.action, 80) ?? '',
    entityType: column(entry.entityType, 40),
    entityId: column(entityId, 64),
    orgId: entry.orgId ?? null,
    ip: column(entry.ip, 64),
    outcome: entry.outcome,
    detail,
  };
}

async function writeChained(tx: Executor, content: ChainContent): Promise<void> {
  // The lock must be its own statement: in READ COMMITTED each statement takes a fresh snapshot,
  // so the read of the last hash below sees the row the previous lock holder committed.
  const [{ isolation }] = await queryRows<{ isolation: string }>(
    tx,
    sql`SELECT current_setting('transaction_isolation') AS isolation, pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})::text AS locked`,
  );
  if (isolation !== 'read committed') {
    // A REPEATABLE READ snapshot predates the lock and would miss the last row: the chain would fork.
    throw new Error(`appendAudit needs a READ COMMITTED transaction, not ${isolation}`);
  }
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const prevHash = last?.hash ?? GENESIS;
  await tx.insert(auditLog).values({
    ...content,
    at: new Date(content.at),
    detail: content.detail,
    prevHash,
    hash: chainHash(prevHash, content),
  });
}

async function writeInTransaction(executor: Executor, content: ChainContent): Promise<void> {
  // The advisory lock lasts as long as the transaction; on a bare connection it would end with the
  // statement and two writers could chain onto the same row.
  if (is(executor, PgTransaction)) await writeChained(executor, content);
  else await executor.transaction((tx) => writeChained(tx, content));
}

/**
 * Appends one row to the hash chain inside the caller's transaction, so the row commits or rolls
 * back with the act it records. The chain lock is then held until that transaction ends: append
 * last, just before commit, to keep other writers waiting as briefly as possible.
 */
export async function appendAudit(tx: Executor, entry: AuditEntry): Promise<void> {
  await writeInTransaction(tx, prepare(entry));
}

// Holder for failure rows that PGlite has to write after the transaction that is open now.
const deferred = new Set<Promise<void>>();

/**
 * Records a failed attempt in a transaction of its own, so rolling back the caller's work does not
 * erase the record of the attempt.
 *
 * On PostgreSQL it runs on another pooled connection and may be awaited anywhere, including inside
 * a transaction callback — but not inside one that has already called appendAudit (it would wait
 * for that transaction's chain lock; after 10 s it fails instead of hanging).
 * PGlite is one connection and runs transactions one after another, so a transaction of its own
 * cannot start while another is open: then the row is queued behind the open transaction (it is
 * written right after that commits or rolls back) and the returned promise resolves at once.
 * `settleAuditWrites()` waits for such queued rows.
 */
export async function appendAuditFailure(entry: Omit<AuditEntry, 'outcome'>): Promise<void> {
  const content = prepare({ ...entry, outcome: 'failure' });
  const write = () =>
    getDb().transaction(async (tx) => {
      await tx.execute(sql.raw(`SET LOCAL lock_timeout = '${FAILURE_LOCK_TIMEOUT}'`));
      await writeChained(tx, content);
    });
  if (connection().pglite?.isInTransaction()) {
    const queued: Promise<void> = write()
      .catch((error: unknown) => {
        // The detail is not logged: it may be the very thing the audit trail keeps out of logs.
        console.error(`[ejia] audit failure row for ${content.action} could not be written:`, error instanceof Error ? error.message : error);
      })
      .finally(() => deferred.delete(queued));
    deferred.add(queued);
    return;
  }
  await write();
}

/** Waits for failure rows PGlite queued behind an open transaction (tests, orderly shutdown). */
export async function settleAuditWrites(): Promise<void> {
  await Promise.all([...deferred]);
}

/**
 * Walks the whole trail in id order, a batch at a time (keyset on the primary key, so memory and
 * per-batch cost stay flat at millions of rows), recomputing every hash and checking every link.
 * Reports the first row that fails and how many rows before it were intact.
 */
export async function verifyAuditChain(db: Executor, options: { batchSize?: number } = {}): Promise<AuditChainResult> {
  const batchSize = options.batchSize ?? VERIFY_BATCH;
  let prevHash: Uint8Array = GENESIS;
  let afterId = 0;
  let rows = 0;
  for (;;) {
    const batch = await db
      .select({
        id: auditLog.id,
        // Formatted by the database so neither driver's date parsing can shift or trim it.
        at: sql<string>`to_char(${auditLog.at} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
        actorUserId: auditLog.actorUserId,
        actorTier: auditLog.actorTier,
        action: auditLog.action,
        entityType: auditLog.entityType,
        entityId: auditLog.entityId,
        orgId: auditLog.orgId,
        ip: auditLog.ip,
        outcome: auditLog.outcome,
        // As text: the drivers disagree on whether raw jsonb arrives parsed.
        detail: sql<string>`${auditLog.detail}::text`,
        prevHash: auditLog.prevHash,
        hash: auditLog.hash,
      })
      .from(auditLog)
      .where(gt(auditLog.id, afterId))
      .orderBy(asc(auditLog.id))
      .limit(batchSize);
    for (const row of batch) {
      if (!sameBytes(row.prevHash, prevHash)) return { ok: false, rows, brokenAtId: row.id, reason: 'broken link' };
      const { id: _id, hash, prevHash: _prev, detail, ...fields } = row;
      const expected = chainHash(prevHash, { ...fields, detail: JSON.parse(detail) as unknown });
      if (!sameBytes(hash, expected)) return { ok: false, rows, brokenAtId: row.id, reason: 'hash mismatch' };
      prevHash = hash;
      rows += 1;
    }
    if (batch.length < batchSize) return { ok: true, rows };
    afterId = batch[batch.length - 1].id;
  }
}
