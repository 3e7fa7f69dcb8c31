import fs from 'node:fs';
import path from 'node:path';
import { generateDemoCounty } from '../../db/seed/demo-county';

// The demo seed prints its logins to the server log (never an ID number); the synthetic ID
// numbers a test needs come from the same deterministic generator the seed used.
export const DEMO_PASSWORD = 'Qingyuan#2026';

export function serverLog(): string {
  return fs.readFileSync(path.join(process.cwd(), '.data', 'e2e-server.log'), 'utf8');
}

export function demoActivation(): { name: string; idNumber: string; code: string } {
  const log = serverLog();
  const [, name, code] = /activation: (\S+), code (\S+),/.exec(log) ?? [];
  const branchName = /admin\s+branch\s+(\S+) ·/.exec(log)?.[1];
  const county = generateDemoCounty();
  const branch = county.orgs.find((org) => org.name === branchName);
  const member = county.members.find((candidate) => candidate.orgKey === branch?.key && candidate.name === name);
  if (!member) throw new Error('demo activation member not found in the server log');
  return { name, idNumber: member.idNumber, code };
}

export function demoMemberPhone(): string {
  const phone = /member (\d{11}) /.exec(serverLog())?.[1];
  if (!phone) throw new Error('demo member not found in the server log');
  return phone;
}

export function demoMemberName(): string {
  const name = /member \d{11} \((\S+)\)/.exec(serverLog())?.[1];
  if (!name) throw new Error('demo member name not found in the server log');
  return name;
}
