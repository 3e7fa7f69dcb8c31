import Link from 'next/link';
import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import { AGE_BANDS, allowedMissingFields, allowedSorts, mayFilterBy, memberListHref, type MemberListFilter } from '@/lib/members/list-filter';
import type { ListOrgOption } from '@/lib/members/list-queries';
import { MEMBER_STATUSES, OUTFLOW_REASONS } from '@/lib/members/member-status';
import type { Region } from '@/lib/regions/regions';

const t = messages.memberList;
const label = 'block text-sm font-medium text-stone-700';
const control = 'focus:border-party min-h-10 w-full rounded-lg border-2 border-stone-300 bg-white px-2 outline-none';

function Select({ name, text, value, options, hint }: { name: string; text: string; value: string | number | undefined; options: { value: string | number; label: string }[]; hint?: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor={`f-${name}`} className={label}>
        {text}
      </label>
      <select id={`f-${name}`} name={name} defaultValue={value ?? ''} aria-describedby={hint ? `f-${name}-hint` : undefined} className={control}>
        <option value="">{t.all}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hint && (
        <p id={`f-${name}-hint`} className="text-xs text-stone-600">
          {hint}
        </p>
      )}
    </div>
  );
}

function Text({ name, text, value, list, hint }: { name: string; text: string; value: string | undefined; list?: string; hint?: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor={`f-${name}`} className={label}>
        {text}
      </label>
      <input id={`f-${name}`} name={name} defaultValue={value ?? ''} list={list} aria-describedby={hint ? `f-${name}-hint` : undefined} className={control} />
      {hint && (
        <p id={`f-${name}-hint`} className="text-xs text-stone-600">
          {hint}
        </p>
      )}
    </div>
  );
}

/**
 * The filter form: a plain GET form, so every filtered list is a URL that can be shared or
 * bookmarked and works without JavaScript. Only filters this viewer may use are offered.
 */
export function MemberFilters({
  viewer,
  filter,
  orgOptions,
  provinces,
  cities,
  skillOptions,
  contactPersonName,
}: {
  viewer: Pick<Viewer, 'tier' | 'capabilities'>;
  filter: MemberListFilter;
  orgOptions: ListOrgOption[];
  provinces: Region[];
  cities: Region[];
  skillOptions: string[];
  contactPersonName: string | null;
}) {
  const may = (key: keyof MemberListFilter) => mayFilterBy(viewer, key);
  const sorts = allowedSorts(viewer);
  const missing = allowedMissingFields(viewer);
  return (
    <form method="get" action="/admin/members" aria-label={t.filters} className="space-y-3 rounded-lg border border-stone-200 bg-white p-3">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <div className="col-span-2 lg:col-span-1">
          <Text name="q" text={t.q} value={filter.q} hint={t.qHint} />
        </div>
        {orgOptions.length > 1 && (
          <div className="col-span-2 lg:col-span-1">
            <Select name="subtree" text={t.subtree} value={filter.subtree} options={orgOptions.map((org) => ({ value: org.id, label: `${'　'.repeat(org.depth)}${org.name}` }))} />
          </div>
        )}
        {may('status') && <Select name="status" text={t.status} value={filter.status} options={MEMBER_STATUSES.map((status) => ({ value: status, label: messages.memberStatuses[status] }))} />}
        <Select name="province" text={t.province} value={filter.province} options={provinces.map((region) => ({ value: region.code, label: region.name }))} />
        <Select name="city" text={t.city} value={filter.city} options={cities.map((region) => ({ value: region.code, label: region.name }))} hint={filter.province ? undefined : t.cityHint} />
        <Select name="reason" text={t.reason} value={filter.reason} options={OUTFLOW_REASONS.map((reason) => ({ value: reason, label: messages.memberFields.outflowReasons[reason] }))} />
        {may('occupation') && <Text name="occupation" text={t.occupation} value={filter.occupation} />}
        {may('industry') && <Text name="industry" text={t.industry} value={filter.industry} />}
        {may('skill') && <Text name="skill" text={t.skill} value={filter.skill} list="skill-options" />}
        {may('age') && <Select name="age" text={t.age} value={filter.age} options={AGE_BANDS.map((band) => ({ value: band, label: t.ageBands[band] }))} />}
        {missing.length > 0 && <Select name="missing" text={t.missing} value={filter.missing} options={missing.map((field) => ({ value: field, label: t.missingFields[field] }))} />}
        {sorts.length > 1 && (
          <div className="space-y-1">
            <label htmlFor="f-sort" className={label}>
              {t.sort}
            </label>
            <select id="f-sort" name="sort" defaultValue={filter.sort} className={control}>
              {sorts.map((sort) => (
                <option key={sort} value={sort}>
                  {t.sorts[sort]}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <datalist id="skill-options">
        {skillOptions.map((skill) => (
          <option key={skill} value={skill} />
        ))}
      </datalist>
      {filter.contactPerson && may('contactPerson') && (
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <input type="hidden" name="contactPerson" value={filter.contactPerson} />
          <span>
            {t.contactPerson}：{contactPersonName ?? messages.memberFields.notSet}
          </span>
          <Link href={memberListHref('/admin/members', { ...filter, contactPerson: undefined })} className="text-party underline">
            {t.clearContactPerson}
          </Link>
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="bg-party min-h-10 rounded-lg px-5 font-medium text-white">
          {t.apply}
        </button>
        <Link href="/admin/members" className="text-party underline">
          {t.clear}
        </Link>
      </div>
    </form>
  );
}
