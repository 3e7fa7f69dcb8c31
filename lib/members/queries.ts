import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { queryRows } from '@/db/rows';
import { encryptPii, piiLookupHash } from '@/lib/security/pii';
import { maskIdNumber } from '@/lib/security/masking';
import { parseIdNumber } from './id-number';
import type { DuesCategory, MemberCategory, MemberStatus, OutflowReason } from './member-status';

export type MemberBulkRow = {
  orgId: number;
  groupId: number | null;
  name: string;
  idNumber: string;
  phone: string | null;
  status: MemberStatus;
  education: string | null;
  occupation: string | null;
  industry: string | null;
  skills: string[];
  monthlyIncomeFen: number | null;
  joinedPartyOn: string | null;
  // The rest of the record (issue 4); left out, a column gets its default (category 'full').
  ethnicity?: string | null;
  category?: MemberCategory;
  probationEndsOn?: string | null;
  fullMemberOn?: string | null;
  workUnit?: string | null;
  duesCategory?: DuesCategory | null;
  familySituation?: string | null;
  difficulties?: string | null;
  emergencyContactName?: string | null;
  emergencyContactRelation?: string | null;
  emergencyContactPhone?: string | null;
  lastContactOn?: string | null;
  outflow: {
    regionCode: string;
    place: string;
    reason: OutflowReason;
    startedOn: string;
    hostOrgId: number | null;
  } | null;
};

const CHUNK = 5_000;
// Skills travel as one text per row (unnest cannot take an array of arrays), joined by the
// ASCII unit separator, which no skill name contains (skills are printable text).
const SKILL_SEPARATOR = '\u001f';

const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/**
 * Bulk-loads members (and their open outflow episode) with `unnest` of arrays: building one
 * INSERT per row in Drizzle costs about twice as much (DESIGN.md §9). The caller owns the
 * transaction and has validated scope; ID numbers are validated here, encrypted and hashed.
 */
export async function bulkInsertMembers(db: Executor, rows: MemberBulkRow[]): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const prepared = chunk.map((row) => {
      const parsed = parseIdNumber(row.idNumber);
      if (!parsed.ok) throw new Error(`invalid ID number in bulk row ${start + chunk.indexOf(row) + 1}: ${parsed.problem}`);
      const hash = toHex(piiLookupHash(parsed.id.value, 'member.id_number'));
      return { row, id: parsed.id, hash };
    });
    const column = <T>(pick: (item: (typeof prepared)[number]) => T) => sql.param(prepared.map(pick));
    const created = await queryRows<{ id: string; hash: string }>(
      db,
      sql`INSERT INTO members (org_id, group_id, name, id_number_cipher, id_number_hash, id_number_masked, gender,
              birth_date, phone, status, education, occupation, industry, skills, monthly_income_cipher, joined_party_on,
              ethnicity, category, probation_ends_on, full_member_on, work_unit, dues_category, family_situation,
              difficulties, emergency_contact_name, emergency_contact_relation, emergency_contact_phone, last_contact_on)
          SELECT org_id, group_id, name, decode(cipher, 'hex'), decode(hash, 'hex'), masked, gender::gender,
              birth_date::date, phone, status::member_status, education, occupation, industry,
              string_to_array(skills, chr(31)), decode(income, 'hex'), joined::date,
              ethnicity, category::member_category, probation_ends::date, full_member::date, work_unit,
              dues::dues_category, family, difficulties, emergency_name, emergency_relation, emergency_phone,
              last_contact::date
          FROM unnest(
              ${column((p) => p.row.orgId)}::int[], ${column((p) => p.row.groupId)}::int[], ${column((p) => p.row.name)}::text[],
              ${column((p) => toHex(encryptPii(p.id.value, 'member.id_number')))}::text[], ${column((p) => p.hash)}::text[],
              ${column((p) => maskIdNumber(p.id.value))}::text[], ${column((p) => p.id.gender)}::text[],
              ${column((p) => p.id.birthDate)}::text[], ${column((p) => p.row.phone)}::text[], ${column((p) => p.row.status)}::text[],
              ${column((p) => p.row.education)}::text[], ${column((p) => p.row.occupation)}::text[],
              ${column((p) => p.row.industry)}::text[], ${column((p) => p.row.skills.join(SKILL_SEPARATOR))}::text[],
              ${column((p) => (p.row.monthlyIncomeFen === null ? null : toHex(encryptPii(String(p.row.monthlyIncomeFen), 'member.monthly_income'))))}::text[],
              ${column((p) => p.row.joinedPartyOn)}::text[],
              ${column((p) => p.row.ethnicity ?? null)}::text[], ${column((p) => p.row.category ?? 'full')}::text[],
              ${column((p) => p.row.probationEndsOn ?? null)}::text[], ${column((p) => p.row.fullMemberOn ?? null)}::text[],
              ${column((p) => p.row.workUnit ?? null)}::text[], ${column((p) => p.row.duesCategory ?? null)}::text[],
              ${column((p) => p.row.familySituation ?? null)}::text[], ${column((p) => p.row.difficulties ?? null)}::text[],
              ${column((p) => p.row.emergencyContactName ?? null)}::text[], ${column((p) => p.row.emergencyContactRelation ?? null)}::text[],
              ${column((p) => p.row.emergencyContactPhone ?? null)}::text[], ${column((p) => p.row.lastContactOn ?? null)}::text[]
          ) AS input(org_id, group_id, name, cipher, hash, masked, gender, birth_date, phone, status, education,
              occupation, industry, skills, income, joined, ethnicity, category, probation_ends, full_member, work_unit,
              dues, family, difficulties, emergency_name, emergency_relation, emergency_phone, last_contact)
          RETURNING id, encode(id_number_hash, 'hex') AS hash`,
    );
    const idByHash = new Map(created.map((row) => [row.hash, row.id]));
    const outflows = prepared.filter((p) => p.row.outflow);
    if (outflows.length > 0) {
      const o = <T>(pick: (item: (typeof prepared)[number]) => T) => sql.param(outflows.map(pick));
      await db.execute(
        sql`INSERT INTO outflow_episodes (member_id, started_on, region_code, place, reason, host_org_id)
            SELECT member_id::uuid, started_on::date, region_code, place, reason::outflow_reason, host_org_id
            FROM unnest(${o((p) => idByHash.get(p.hash))}::text[], ${o((p) => p.row.outflow!.startedOn)}::text[],
                 ${o((p) => p.row.outflow!.regionCode)}::text[], ${o((p) => p.row.outflow!.place)}::text[],
                 ${o((p) => p.row.outflow!.reason)}::text[], ${o((p) => p.row.outflow!.hostOrgId)}::int[])
              AS input(member_id, started_on, region_code, place, reason, host_org_id)`,
      );
    }
    inserted += created.length;
  }
  return inserted;
}
