/**
 * The unique constraint a failed write violated, or null. Both drivers (PGlite, node-postgres)
 * wrap the server's error; its code and constraint name sit somewhere in the cause chain.
 */
export function violatedUniqueConstraint(error: unknown): string | null {
  for (let current: unknown = error, depth = 0; current && depth < 8; current = (current as { cause?: unknown }).cause, depth++) {
    const candidate = current as { code?: string; constraint?: string; constraint_name?: string };
    if (candidate.code === '23505') return candidate.constraint ?? candidate.constraint_name ?? '';
  }
  return null;
}

export const violatesUnique = (error: unknown, constraint: string): boolean => violatedUniqueConstraint(error) === constraint;
