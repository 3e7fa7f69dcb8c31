// `npm run db:seed`: migrate, then load the demo county into an empty database.
import { closeDb, getDb } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { describeDemoLogins, seedDemoCounty } from '@/db/seed/seed-demo';

await runMigrations();
const result = await seedDemoCounty(getDb());
console.log(
  result.seeded
    ? `[ejia] demo county seeded: ${result.orgs} orgs, ${result.members} members in ${result.ms} ms`
    : '[ejia] the database already holds an org tree; nothing seeded',
);
if (result.logins) console.log(describeDemoLogins(result.logins));
await closeDb();
