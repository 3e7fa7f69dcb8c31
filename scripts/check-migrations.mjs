#!/usr/bin/env node
// Fails when the schema has changes that no committed migration holds: drizzle-kit generate
// is run into a scratch copy of the migrations folder and must find nothing to write.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-migrations-'));
fs.cpSync(path.join(root, 'db', 'migrations'), scratch, { recursive: true });
const config = path.join(scratch, 'drizzle.config.mjs');
fs.writeFileSync(
  config,
  // drizzle-kit reads `out` relative to the working directory, whatever its form.
  `export default { dialect: 'postgresql', schema: './db/schema/index.ts', out: ${JSON.stringify(path.relative(root, scratch))}, casing: 'snake_case' };\n`,
);
const before = new Set(fs.readdirSync(scratch));
const result = spawnSync(path.join(root, 'node_modules', '.bin', 'drizzle-kit'), ['generate', '--config', config], {
  cwd: root,
  encoding: 'utf8',
});
const added = fs.readdirSync(scratch).filter((name) => !before.has(name) && name.endsWith('.sql'));
fs.rmSync(scratch, { recursive: true, force: true });
const output = `${result.stdout}\n${result.stderr}`;
// drizzle-kit can exit 0 after an error, so success is its own words or a new file.
if (result.status !== 0 || (added.length === 0 && !/No schema changes/i.test(output))) {
  console.error(output);
  console.error('migrations check: drizzle-kit generate failed');
  process.exit(1);
}
if (added.length > 0) {
  console.error(`migrations check: the schema has changes without a migration (${added.join(', ')}). Run npm run db:generate and commit it.`);
  process.exit(1);
}
console.log('migrations check: schema and committed migrations agree');
