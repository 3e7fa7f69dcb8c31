import { describe, expect, it } from 'vitest';
import { cacheRule, parsePushPayload, safeAppLink, SAVED_AT_HEADER, SAVED_TITLE_HEADER, savedCopy, savedPageOf } from './offline-policy';

const ID = '0b8c5a8e-4f6d-4c1e-9a3b-2d7e6f1a9c04';

describe('what the service worker may cache', () => {
  it('saves reading pages and the images in them, network first', () => {
    expect(cacheRule(`/read/${ID}`)).toBe('saved');
    expect(cacheRule(`/files/${ID}`)).toBe('saved');
  });

  it('keeps Next.js static assets cache-first', () => {
    expect(cacheRule('/_next/static/chunks/main-abc123.js')).toBe('static');
  });

  it('never caches a personal page, an API response or a session page', () => {
    for (const path of ['/api/notifications/unread', '/api/auth/session', '/login', '/admin/members', '/archive', '/archive/edit', '/settings', '/card', '/flow', '/notifications', '/activate', '/reset']) {
      expect(cacheRule(path), path).toBe('network');
    }
  });

  it('does not save anything that only looks like a reading page', () => {
    for (const path of ['/read', `/read/${ID}/files/${ID}`, '/read/not-an-id', `/read/${ID}/`, `/files/${ID}/x`, '/learn', '/']) {
      expect(cacheRule(path), path).toBe('network');
    }
  });
});

describe('a saved copy', () => {
  it('carries its title and time, and drops the encoding and cookie headers', async () => {
    const source = new Headers({ 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip', 'content-length': '12' });
    const copy = savedCopy('<h1>章程</h1>', source, { title: '中国共产党章程', savedAt: '2026-12-06T10:00:00.000Z' });
    expect(copy.headers.get('content-encoding')).toBeNull();
    expect(copy.headers.get('content-length')).toBeNull();
    expect(copy.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await copy.text()).toBe('<h1>章程</h1>');
    expect(savedPageOf(`/read/${ID}`, copy.headers)).toEqual({ path: `/read/${ID}`, title: '中国共产党章程', savedAt: '2026-12-06T10:00:00.000Z' });
  });

  it('is listed only when it is a reading page', () => {
    const headers = new Headers({ [SAVED_TITLE_HEADER]: encodeURIComponent('图'), [SAVED_AT_HEADER]: 'x' });
    expect(savedPageOf(`/files/${ID}`, headers)).toBeNull();
  });
});

describe('Web Push payloads', () => {
  it('reads title, body and link', () => {
    expect(parsePushPayload(JSON.stringify({ title: '重要通知', body: '周五开会', link: '/notifications' }))).toEqual({ title: '重要通知', body: '周五开会', link: '/notifications' });
  });

  it('refuses what is not a notification', () => {
    for (const text of [null, '', 'not json', '42', 'null', JSON.stringify({ body: 'no title' }), JSON.stringify({ title: '  ' })]) expect(parsePushPayload(text), String(text)).toBeNull();
  });

  it('opens only paths of this app', () => {
    expect(safeAppLink('/read/abc#toc')).toBe('/read/abc#toc');
    for (const link of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '/a b', '/\nx', 42, undefined]) expect(safeAppLink(link), String(link)).toBe('/');
    expect(parsePushPayload(JSON.stringify({ title: 't', link: '//evil.example' }))?.link).toBe('/');
  });
});
