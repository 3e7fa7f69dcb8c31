import type { Metadata } from 'next';
import Link from 'next/link';
import { getClaimableBranches } from '@/lib/claims/queries';
import { messages } from '@/lib/i18n/messages';
import { ClaimForm, type BranchGroup } from './claim-form';

export const metadata: Metadata = { title: messages.claims.form.title };

export default async function ClaimPage() {
  const t = messages.claims.form;
  // Grouped under their parent (the town's 党委 and so on): many villages have similar names.
  const groups = new Map<string, BranchGroup>();
  for (const branch of await getClaimableBranches()) {
    const label = branch.parentName ?? '';
    if (!groups.has(label)) groups.set(label, { label, branches: [] });
    groups.get(label)!.branches.push({ id: branch.id, name: branch.name });
  }
  return (
    <div className="space-y-5 rounded-2xl bg-white p-5 shadow-sm">
      <h1 className="text-2xl font-bold">{t.title}</h1>
      <p className="text-lg text-stone-700">{t.intro}</p>
      <ClaimForm groups={[...groups.values()]} />
      <Link href="/activate" className="block text-lg text-stone-700 underline underline-offset-4">
        {t.backToActivate}
      </Link>
    </div>
  );
}
