import { customType } from 'drizzle-orm/pg-core';

/** ltree path of org ids, e.g. '1.4.37' (DESIGN.md §2: scope is an org path). */
export const ltree = customType<{ data: string }>({
  dataType: () => 'ltree',
});

/** bytea as Uint8Array on both drivers (postgres.js returns Buffer, a Uint8Array subclass). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => new Uint8Array(value),
});
