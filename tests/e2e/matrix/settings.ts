import { expect } from '@playwright/test';
import { every, type ActionRow } from '../../support/matrix-types';

// lib/preferences/actions.ts: the text size is a cookie of the browser, open to everyone.

export const settingsRows: ActionRow[] = [
  {
    file: 'lib/preferences/actions.ts',
    exportedName: 'setTextSize',
    pagePath: '/settings',
    payload: () => ({ textSize: 'large' }),
    expect: every('success'),
    check: async (_ctx, _role, response) => {
      expect(response.setCookie.join('\n')).toContain('ejia-text-size=large');
    },
  },
];
