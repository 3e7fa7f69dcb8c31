import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';
import { RowAction } from '@/components/row-action';
import { TableScroll } from '@/components/table-scroll';
import { requireAdminViewer } from '@/lib/auth/guards';
import { messages } from '@/lib/i18n/messages';
import { moveSkill, setSkillActive } from '@/lib/skills/actions';
import { listSkillsForAdmin, mayManageSkills } from '@/lib/skills/queries';
import { AddSkillForm, RenameSkillForm } from './skill-forms';

export const metadata: Metadata = { title: messages.skills.title };

const t = messages.skills;
const th = 'px-3 py-2 text-left font-medium text-stone-600';
const td = 'px-3 py-1.5';

export default async function SkillsPage() {
  const viewer = await requireAdminViewer('/admin/skills');
  if (!mayManageSkills(viewer)) forbidden();
  const rows = await listSkillsForAdmin(viewer);
  const categories = [...new Set(rows.map((row) => row.category))];
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t.title}</h1>
      <p className="max-w-4xl text-stone-600">{t.intro}</p>
      <section className="space-y-3">
        <h2 id="add-skill" className="text-xl font-semibold">{t.addHeading}</h2>
        <AddSkillForm categories={categories} />
      </section>
      <section className="space-y-3">
        <h2 id="skill-list" className="text-xl font-semibold">{t.listHeading}</h2>
        {rows.length === 0 ? (
          <p>{t.empty}</p>
        ) : (
          <TableScroll label={t.listHeading}>
            <table className="w-full min-w-[52rem] text-sm">
              <thead className="bg-stone-50">
                <tr>
                  <th scope="col" className={th}>{t.columns.category}</th>
                  <th scope="col" className={th}>{t.columns.name}</th>
                  <th scope="col" className={th}>{t.columns.members}</th>
                  <th scope="col" className={th}>{t.columns.status}</th>
                  <th scope="col" className={th}>{t.columns.actions}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {rows.map((row, index) => (
                  <tr key={row.id} className={`align-top ${row.active ? '' : 'bg-stone-50 text-stone-500'}`}>
                    <td className={`${td} whitespace-nowrap`}>{row.category !== rows[index - 1]?.category ? row.category : ''}</td>
                    <th scope="row" className={`${td} text-left font-medium whitespace-nowrap`}>{row.name}</th>
                    <td className={`${td} tabular-nums`}>{row.members}</td>
                    <td className={`${td} whitespace-nowrap`}>{row.active ? t.active : t.inactive}</td>
                    <td className={td}>
                      <div className="flex flex-wrap items-start gap-2">
                        <RenameSkillForm skillId={row.id} name={row.name} />
                        <RowAction action={moveSkill} fields={{ skillId: String(row.id), direction: 'up' }} label={t.moveUp} />
                        <RowAction action={moveSkill} fields={{ skillId: String(row.id), direction: 'down' }} label={t.moveDown} />
                        <RowAction
                          action={setSkillActive}
                          fields={{ skillId: String(row.id), active: row.active ? 'false' : 'true' }}
                          label={row.active ? t.deactivate : t.activate}
                          tone={row.active ? 'danger' : 'plain'}
                        />
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </div>
  );
}
