import 'server-only';
import type { Viewer } from './viewer';

/**
 * The viewer of the current request. Sessions arrive with identity and access (login,
 * activation); until then nobody is signed in and every scoped page and file says so.
 */
export async function getViewer(): Promise<Viewer | null> {
  return null;
}
