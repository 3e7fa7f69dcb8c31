/** A wide table's scroll box: focusable and named, so keyboard users can scroll it too. */
export function TableScroll({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
      {children}
    </div>
  );
}
