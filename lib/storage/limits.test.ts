import { describe, expect, it } from 'vitest';
import { SERVER_ACTION_BODY_LIMIT } from '../../next.config.mjs';
import { UPLOAD_MAX_BYTES } from './limits';

describe('upload limits', () => {
  it('lets a server action carry a full-size upload plus its form fields, and not much more', () => {
    const megabytes = Number(/^(\d+)mb$/.exec(SERVER_ACTION_BODY_LIMIT)?.[1]);
    const actionLimit = megabytes * 1024 * 1024;
    expect(actionLimit).toBeGreaterThan(UPLOAD_MAX_BYTES);
    expect(actionLimit - UPLOAD_MAX_BYTES).toBeLessThanOrEqual(2 * 1024 * 1024);
  });
});
