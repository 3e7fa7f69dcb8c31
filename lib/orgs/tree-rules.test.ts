import { describe, expect, it } from 'vitest';
import { canHoldChild, movedPath } from './tree-rules';

describe('org tree rules', () => {
  it('puts 党小组 only inside a branch', () => {
    expect(canHoldChild('branch', 'party_group')).toBe(true);
    expect(canHoldChild('party_committee', 'party_group')).toBe(false);
    expect(canHoldChild('party_group', 'party_group')).toBe(false);
  });
  it('puts branches under committees and 党总支, never under a branch or a host', () => {
    expect(canHoldChild('general_branch', 'branch')).toBe(true);
    expect(canHoldChild('branch', 'branch')).toBe(false);
    expect(canHoldChild('host', 'branch')).toBe(false);
  });
  it('lets only a 党委 or 党工委 hold a 临时党支部', () => {
    expect(canHoldChild('party_committee', 'temporary_branch')).toBe(true);
    expect(canHoldChild('general_branch', 'temporary_branch')).toBe(false);
  });
  it('rewrites the paths of a moved subtree', () => {
    expect(movedPath('1.4.17', '1.4.17', '1.9')).toBe('1.9.17');
    expect(movedPath('1.4.17.88', '1.4.17', '1.9')).toBe('1.9.17.88');
    expect(() => movedPath('1.41.2', '1.4', '1.9')).toThrow();
  });
});
