#!/usr/bin/env node
// The server under end-to-end test: the production build on a fresh embedded database (as CI
// never sets DATABASE_URL), its output kept in a log file that the tests read back.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dataDir = path.join(root, '.data', 'e2e');
const logFile = path.join(root, '.data', 'e2e-server.log');
const port = process.env.E2E_PORT ?? '3210';

fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });
const log = fs.createWriteStream(logFile);
const env = { ...process.env, EJIA_DATA_DIR: dataDir, PORT: port, NODE_ENV: 'production' };
delete env.DATABASE_URL;
const server = spawn(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-p', port], { cwd: root, env });
for (const stream of [server.stdout, server.stderr]) {
  stream.on('data', (chunk) => {
    log.write(chunk);
    process.stdout.write(chunk);
  });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => {
  log.end();
  process.exit(code ?? 0);
});
