// Pure helpers over ltree paths of org ids ('1.4.37').

export function isWithinPath(path: string, scopePath: string): boolean {
  return path === scopePath || path.startsWith(`${scopePath}.`);
}

/** True when the org at `upperPath` is a proper ancestor of the org at `lowerPath`. */
export function isStrictAncestorPath(upperPath: string, lowerPath: string): boolean {
  return upperPath !== lowerPath && isWithinPath(lowerPath, upperPath);
}

export function childPath(parentPath: string | null, id: number): string {
  return parentPath ? `${parentPath}.${id}` : String(id);
}

/** How many levels the org at `path` lies below `scopePath` (0 for the scope's own org): the indent of an org picker. */
export function depthBelow(path: string, scopePath: string): number {
  return Math.max(0, path.split('.').length - scopePath.split('.').length);
}
