/** Largest upload accepted (bytes). next.config.mjs sets the server-action body limit just above it. */
export const UPLOAD_MAX_BYTES = 20 * 1024 * 1024;
