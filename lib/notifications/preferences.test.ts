import { describe, expect, it } from 'vitest';
import { channelDecision, choicesToStore, effectivePreferences, smsOptedOut } from './preferences';

describe('notification preferences', () => {
  it('default to push for everything and SMS only for notices and activities', () => {
    const grid = effectivePreferences([]);
    expect(grid.notice).toEqual({ push: true, sms: true });
    expect(grid.activity).toEqual({ push: true, sms: true });
    for (const category of ['request_result', 'case_reply', 'dues', 'points'] as const) expect(grid[category]).toEqual({ push: true, sms: false });
    expect(smsOptedOut(grid)).toBe(false);
  });

  it('apply stored choices, but never switch on SMS where none is sent', () => {
    const grid = effectivePreferences([
      { category: 'notice', channel: 'push', enabled: false },
      { category: 'dues', channel: 'sms', enabled: true },
    ]);
    expect(grid.notice.push).toBe(false);
    expect(grid.dues.sms).toBe(false);
  });

  it('store only what differs from the default', () => {
    const grid = effectivePreferences([]);
    expect(choicesToStore(grid, false)).toEqual([]);
    grid.points.push = false;
    grid.activity.sms = false;
    expect(choicesToStore(grid, false)).toEqual([
      { category: 'activity', channel: 'sms', enabled: false },
      { category: 'points', channel: 'push', enabled: false },
    ]);
  });

  it('短信退订 turns every SMS off whatever the grid says, and is read back as opted out', () => {
    const stored = choicesToStore(effectivePreferences([]), true);
    expect(stored).toEqual([
      { category: 'notice', channel: 'sms', enabled: false },
      { category: 'activity', channel: 'sms', enabled: false },
    ]);
    const grid = effectivePreferences(stored);
    expect(smsOptedOut(grid)).toBe(true);
    expect(channelDecision(grid, 'notice', 'sms')).toEqual({ send: false, reason: 'opted_out' });
    expect(channelDecision(grid, 'notice', 'push')).toEqual({ send: true });
  });

  it('say why a channel is off', () => {
    const grid = effectivePreferences([{ category: 'activity', channel: 'sms', enabled: false }]);
    expect(channelDecision(grid, 'activity', 'sms')).toEqual({ send: false, reason: 'preference_off' });
    expect(channelDecision(grid, 'notice', 'sms')).toEqual({ send: true });
  });
});
