import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';
import { RowAction } from '@/components/row-action';
import { TableScroll } from '@/components/table-scroll';
import { issueAccountResetCode, issueMemberActivationCode, setAccountDisabled, unlockUserAccount } from '@/lib/accounts/actions';
import { getAccountsPage } from '@/lib/accounts/queries';
import { requireAdminViewer } from '@/lib/auth/guards';
import type { Tier } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import { CreateAdminForm } from './create-admin-form';

export const metadata: Metadata = { title: messages.accounts.title };

export default async function AccountsPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const viewer = await requireAdminViewer('/admin/accounts');
  const manageAdmins = viewer.capabilities.includes('accounts');
  const manageMembers = viewer.capabilities.includes('archive');
  if (!manageAdmins && !manageMembers) forbidden();
  const { q = '' } = await searchParams;
  const data = await getAccountsPage(viewer, q);
  const t = messages.accounts;
  const tiers: Tier[] = viewer.tier === 'county_admin' ? ['org_admin', 'host_admin', 'county_admin'] : ['org_admin', 'host_admin'];
  const th = 'px-3 py-2 text-left font-medium text-stone-600';
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">{t.title}</h1>
      {manageAdmins && (
        <section className="space-y-3" aria-labelledby="admins">
          <h2 id="admins" className="text-xl font-semibold">{t.adminsHeading}</h2>
          <TableScroll label={t.adminsHeading}>
            <table className="w-full min-w-[56rem] text-sm">
              <thead className="bg-stone-50">
                <tr>
                  <th className={th}>{t.columns.username}</th>
                  <th className={th}>{t.columns.name}</th>
                  <th className={th}>{t.columns.org}</th>
                  <th className={th}>{t.columns.capabilities}</th>
                  <th className={th}>{t.columns.status}</th>
                  <th className={th}>{t.columns.actions}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {data.admins.map((admin) => (
                  <tr key={admin.id} className="align-top">
                    <td className="px-3 py-2 font-mono">{admin.username}</td>
                    <td className="px-3 py-2">
                      {admin.displayName}
                      <span className="block text-stone-500">{t.tiers[admin.tier]}</span>
                    </td>
                    <td className="px-3 py-2">{admin.orgName}</td>
                    <td className="px-3 py-2">{admin.capabilities.map((capability) => t.capabilities[capability as keyof typeof t.capabilities]).join('、')}</td>
                    <td className="px-3 py-2">
                      {[
                        admin.disabledAt ? t.status.disabled : t.status.active,
                        admin.lockedUntil ? t.status.locked : null,
                        admin.hasPassword ? null : t.status.noPassword,
                        admin.totpEnrolledAt ? null : t.status.noTotp,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </td>
                    <td className="space-y-1 px-3 py-2">
                      {admin.id !== viewer.userId && (
                        <div className="flex flex-wrap gap-2">
                          <RowAction action={setAccountDisabled} fields={{ userId: admin.id, disabled: admin.disabledAt ? 'false' : 'true' }} label={admin.disabledAt ? t.enable : t.disable} tone={admin.disabledAt ? 'plain' : 'danger'} />
                          <RowAction action={issueAccountResetCode} fields={{ userId: admin.id }} label={t.issueReset} />
                          {admin.lockedUntil && <RowAction action={unlockUserAccount} fields={{ userId: admin.id }} label={t.unlock} />}
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <h2 className="pt-2 text-xl font-semibold">{t.createHeading}</h2>
          <CreateAdminForm orgs={data.orgs} grantable={viewer.capabilities} tiers={tiers} />
        </section>
      )}
      {manageMembers && (
        <section className="space-y-3" aria-labelledby="members">
          <h2 id="members" className="text-xl font-semibold">{t.membersHeading}</h2>
          <form method="get" className="flex max-w-xl items-end gap-2">
            <div className="flex-1 space-y-1">
              <label htmlFor="q" className="block font-medium">{t.memberSearch}</label>
              <input id="q" name="q" defaultValue={q} aria-describedby="q-hint" className="min-h-11 w-full rounded-lg border-2 border-stone-300 bg-white px-3" />
            </div>
            <button type="submit" className="bg-party min-h-11 rounded-lg px-4 text-white">{t.search}</button>
          </form>
          <p id="q-hint" className="text-sm text-stone-600">{t.memberSearchHint}</p>
          {q && data.members.length === 0 && <p>{t.noMembers}</p>}
          {data.members.length > 0 && (
            <TableScroll label={t.membersHeading}>
              <table className="w-full min-w-[56rem] text-sm">
                <thead className="bg-stone-50">
                  <tr>
                    <th className={th}>{t.columns.name}</th>
                    <th className={th}>{t.columns.idNumber}</th>
                    <th className={th}>{t.columns.org}</th>
                    <th className={th}>{t.columns.status}</th>
                    <th className={th}>{t.columns.actions}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100">
                  {data.members.map((member) => (
                    <tr key={member.memberId} className="align-top">
                      <td className="px-3 py-2">{member.name}</td>
                      <td className="px-3 py-2 font-mono">{member.idNumberMasked}</td>
                      <td className="px-3 py-2">{member.orgName}</td>
                      <td className="px-3 py-2">
                        {[member.activated ? t.status.activated : t.status.notActivated, member.pendingCodeUntil ? t.status.codePending : null, member.lockedUntil ? t.status.locked : null]
                          .filter(Boolean)
                          .join(' · ')}
                      </td>
                      <td className="px-3 py-2">
                        <div className="flex flex-wrap gap-2">
                          {member.activated && member.userId ? (
                            <>
                              <RowAction action={issueAccountResetCode} fields={{ userId: member.userId }} label={t.issueReset} />
                              <RowAction action={issueAccountResetCode} fields={{ userId: member.userId, sms: 'on' }} label={messages.notifications.codeSms.sendReset} />
                            </>
                          ) : (
                            <>
                              <RowAction action={issueMemberActivationCode} fields={{ memberId: member.memberId }} label={t.issueActivation} />
                              <RowAction action={issueMemberActivationCode} fields={{ memberId: member.memberId, sms: 'on' }} label={messages.notifications.codeSms.sendActivation} />
                            </>
                          )}
                          {member.lockedUntil && member.userId && <RowAction action={unlockUserAccount} fields={{ userId: member.userId }} label={t.unlock} />}
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </section>
      )}
    </div>
  );
}
