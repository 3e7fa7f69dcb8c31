// Who is asking. Identity and access (sessions, tiers, capabilities) fill this in; the data layer
// is always given a Viewer and scopes every read and write by its org path (DESIGN.md §2).

export const TIERS = ['member', 'org_admin', 'host_admin', 'county_admin'] as const;
export type Tier = (typeof TIERS)[number];

export const CAPABILITIES = ['archive', 'pii_reveal', 'content', 'org_life', 'dues', 'cases', 'mall', 'accounts'] as const;
export type Capability = (typeof CAPABILITIES)[number];

export type Viewer = {
  userId: string;
  tier: Tier;
  /** The org the role is bound to, and its ltree path: the viewer's scope. */
  orgId: number;
  scopePath: string;
  capabilities: readonly Capability[];
  /** Set for members: their own archive row. */
  memberId?: string;
  displayName?: string;
};
