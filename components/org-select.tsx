export type OrgOption = { id: number; name: string; depth: number };

/** A labelled select of orgs, indented by depth so the tree stays readable in a plain list. */
export function OrgSelect({ id, name, label, options, large = false }: { id: string; name: string; label: string; options: OrgOption[]; large?: boolean }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className={`block font-medium ${large ? 'text-lg' : 'text-sm'}`}>
        {label}
      </label>
      <select id={id} name={name} className={`w-full border-2 border-stone-300 bg-white px-2 ${large ? 'min-h-12 rounded-xl' : 'min-h-10 rounded-lg'}`} required>
        {options.map((org) => (
          <option key={org.id} value={org.id}>
            {'　'.repeat(org.depth)}
            {org.name}
          </option>
        ))}
      </select>
    </div>
  );
}
