import type { Metadata } from 'next';
import { messages } from '@/lib/i18n/messages';

export const metadata: Metadata = { title: messages.privacy.title };

export default function PrivacyPage() {
  const t = messages.privacy;
  return (
    <article className="space-y-4">
      <h1 className="text-2xl font-bold">{t.title}</h1>
      <p className="text-sm text-stone-600">{t.version}</p>
      {t.sections.map((section) => (
        <section key={section.heading} className="rounded-2xl bg-white p-4 shadow-sm">
          <h2 className="mb-2 text-lg font-semibold">{section.heading}</h2>
          <p className="text-lg leading-relaxed text-stone-700">{section.body}</p>
        </section>
      ))}
    </article>
  );
}
