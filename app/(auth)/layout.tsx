import { messages } from '@/lib/i18n/messages';

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-dvh bg-stone-100">
      <header className="bg-party px-4 py-6 text-center text-white">
        <p className="text-2xl font-bold tracking-wide">{messages.app.name}</p>
        <p className="mt-1 text-white/90">{messages.app.tagline}</p>
      </header>
      <main id="main" className="mx-auto max-w-md px-4 py-6">
        {children}
      </main>
    </div>
  );
}
