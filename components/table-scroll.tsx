/**
 * A wide table's scroll box: focusable and named, so keyboard users can scroll it too. It is
 * positioned so that it contains the visually hidden (absolute) labels and statuses of its rows,
 * which would otherwise lie beyond it and widen the whole page on a phone.
 */
export function TableScroll({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="relative overflow-x-auto rounded-lg border border-stone-200 bg-white">
      {children}
    </div>
  );
}
