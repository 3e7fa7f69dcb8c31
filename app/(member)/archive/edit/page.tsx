import type { Metadata } from 'next';
import Link from 'next/link';
import { archiveReads } from '@/lib/change-requests/queries';
import { messages } from '@/lib/i18n/messages';
import { requireMember } from '../member-viewer';
import { DirectEditForm } from './direct-edit-form';

export const metadata: Metadata = { title: messages.changeRequests.direct.title };

export default async function DirectEditPage() {
  const viewer = await requireMember('/archive/edit');
  const data = await archiveReads.directEdit(viewer);
  const t = messages.changeRequests.direct;
  const f = messages.memberFields.fields;
  const dictionary: { category: string; names: string[] }[] = [];
  for (const skill of data?.dictionary ?? []) {
    const group = dictionary.find((item) => item.category === skill.category);
    if (group) group.names.push(skill.name);
    else dictionary.push({ category: skill.category, names: [skill.name] });
  }
  return (
    <div className="space-y-4">
      <Link href="/archive" className="text-party inline-flex min-h-11 items-center text-lg underline underline-offset-4">
        {messages.changeRequests.archive.back}
      </Link>
      <h1 className="text-2xl font-bold">{t.title}</h1>
      <p className="text-lg text-stone-700">{t.intro}</p>
      {data && (
        <DirectEditForm
          values={data.values}
          skills={data.skills}
          dictionary={dictionary}
          labels={{
            phone: f.phone,
            emergencyContactName: f.emergencyContactName,
            emergencyContactRelation: f.emergencyContactRelation,
            emergencyContactPhone: f.emergencyContactPhone,
            skillsLegend: t.skillsLegend,
            noSkills: t.noSkills,
            retiredSkill: t.retiredSkill,
            save: t.save,
            saving: t.saving,
          }}
        />
      )}
    </div>
  );
}
