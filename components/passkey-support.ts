'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};
const supported = () => typeof window.PublicKeyCredential === 'function';
const unknownOnServer = () => null;

/**
 * Whether this browser can use passkeys (WebAuthn): null while rendering on the server, where it
 * cannot be known, so passkey buttons appear only where they can work.
 */
export function useWebAuthnSupport(): boolean | null {
  return useSyncExternalStore(subscribe, supported, unknownOnServer);
}

/** The user closed or let time out the browser's passkey prompt: not worth an error message. */
export function isCancelled(error: unknown): boolean {
  return error instanceof Error && (error.name === 'NotAllowedError' || error.name === 'AbortError' || ('code' in error && error.code === 'ERROR_CEREMONY_ABORTED'));
}
