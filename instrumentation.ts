// Runs once when a server instance starts (not during `next build`).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startPlatform } = await import('./lib/platform/startup');
  try {
    await startPlatform();
  } catch (error) {
    console.error(`[ejia] ${error instanceof Error ? error.message : String(error)}`);
    // A server that cannot read its data must not serve pages that pretend it can.
    process.exit(1);
  }
}
