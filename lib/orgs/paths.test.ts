import { describe, expect, it } from 'vitest';
import { childPath, depthBelow, isStrictAncestorPath, isWithinPath } from './paths';

describe('org paths', () => {
  it('treats an org as inside its own subtree', () => {
    expect(isWithinPath('1.4', '1.4')).toBe(true);
    expect(isWithinPath('1.4.37', '1.4')).toBe(true);
  });
  it('does not confuse ids that share a prefix', () => {
    expect(isWithinPath('1.40', '1.4')).toBe(false);
    expect(isStrictAncestorPath('1.4', '1.41.2')).toBe(false);
  });
  it('finds strict ancestors only', () => {
    expect(isStrictAncestorPath('1', '1.4.37')).toBe(true);
    expect(isStrictAncestorPath('1.4.37', '1.4.37')).toBe(false);
    expect(isStrictAncestorPath('1.4.37', '1.4')).toBe(false);
  });
  it('counts the levels below a scope, for an org picker\'s indent', () => {
    expect(depthBelow('1.4', '1.4')).toBe(0);
    expect(depthBelow('1.4.37', '1.4')).toBe(1);
    expect(depthBelow('1.4.37.112', '1')).toBe(3);
  });
  it('builds a child path', () => {
    expect(childPath(null, 1)).toBe('1');
    expect(childPath('1.4', 37)).toBe('1.4.37');
  });
});
