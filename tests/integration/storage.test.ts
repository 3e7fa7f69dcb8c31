import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { queryRows } from '@/db/rows';
import { files } from '@/db/schema';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import { messages } from '@/lib/i18n/messages';
import { LocalDiskStore } from '@/lib/storage/file-store';
import { UPLOAD_MAX_BYTES } from '@/lib/storage/limits';
import { getFileForViewer, saveUpload, type SaveUploadInput } from '@/lib/storage/queries';
import { bytes, contains, JPEG_EOI as EOI, JPEG_SOI as SOI, jpegSegment as segment, u16be, u32be } from '../support/bytes';
import type { Viewer } from '@/lib/auth/viewer';
import { adminOf } from '../support/viewers';

const app0Jfif = segment(0xe0, 'JFIF\0', [1, 2, 1, 0, 72, 0, 72, 0, 0]);
const dqt = segment(0xdb, [0x00], Array.from({ length: 64 }, (_, i) => i + 1));
const sof0 = segment(0xc0, [8, 0, 16, 0, 16, 1, 1, 0x11, 0]);
const dht = segment(0xc4, [0x00, 1, ...new Array(15).fill(0), 0x00]);
const sos = segment(0xda, [1, 1, 0x00, 0, 63, 0]);
const scanData = bytes([0x12, 0xff, 0x00, 0x34, 0xa5, 0xff, 0xd0, 0x56, 0x78, 0xff, 0x00, 0x9a]);

/** APP1 EXIF: big-endian TIFF, IFD0 with Make and a GPS IFD pointer, then the GPS text. */
function exifWithGps(): Uint8Array {
  const ifd0Size = 2 + 2 * 12 + 4;
  const makeOffset = 8 + ifd0Size;
  const gpsOffset = makeOffset + 6;
  const tiff = bytes(
    'MM',
    u16be(42),
    u32be(8),
    u16be(2),
    [...u16be(0x010f), ...u16be(2), ...u32be(6), ...u32be(makeOffset)],
    [...u16be(0x8825), ...u16be(4), ...u32be(1), ...u32be(gpsOffset)],
    u32be(0),
    'Canon\0',
    'GPSLatitude\0',
    '31.230416N 121.473701E',
  );
  return segment(0xe1, 'Exif\0\0', tiff);
}

const photoWithGps = bytes(SOI, app0Jfif, exifWithGps(), dqt, sof0, dht, sos, scanData, EOI);
const photoWithoutMetadata = bytes(SOI, app0Jfif, dqt, sof0, dht, sos, scanData, EOI);
const pdf = bytes('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

// --- store and database helpers -----------------------------------------------------------------

function newStore(): { dir: string; store: LocalDiskStore } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-store-'));
  return { dir, store: new LocalDiskStore(dir) };
}

/** Every regular file under `dir`, relative paths. */
function filesIn(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((entry) => fs.statSync(path.join(dir, entry)).isFile())
    .sort();
}

async function fileRowCount(): Promise<number> {
  const [{ total }] = await queryRows<{ total: number }>(getDb(), sql`SELECT count(*)::int AS total FROM files`);
  return total;
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

type OrgRow = { id: number; path: string; type: string; parent_id: number | null };
let all: OrgRow[];
let root: OrgRow;
let committee: OrgRow;
let otherCommittee: OrgRow;
let branch: OrgRow;
let siblingBranch: OrgRow;

const within = (org: OrgRow, ancestor: OrgRow) => org.path === ancestor.path || org.path.startsWith(`${ancestor.path}.`);


beforeAll(async () => {
  await seedDemoCounty(getDb(), { memberCount: 50 });
  all = await queryRows<OrgRow>(getDb(), sql`SELECT id, path::text AS path, type::text AS type, parent_id FROM orgs ORDER BY id`);
  root = all.find((org) => org.parent_id === null)!;
  const committees = all.filter(
    (org) => org.parent_id === root.id && ['party_committee', 'working_committee'].includes(org.type),
  );
  committee = committees.find((c) => all.filter((org) => org.type === 'branch' && within(org, c)).length >= 2)!;
  otherCommittee = committees.find((c) => c.id !== committee.id)!;
  [branch, siblingBranch] = all.filter((org) => org.type === 'branch' && within(org, committee));
  expect(branch).toBeDefined();
  expect(siblingBranch).toBeDefined();
  expect(otherCommittee).toBeDefined();
  expect(within(branch, otherCommittee)).toBe(false);
}, 120_000);

// --- tests --------------------------------------------------------------------------------------

describe('saveUpload', () => {
  it('stores a photo without its GPS EXIF, with the real extension, size and sha256 of the stored bytes', async () => {
    expect(contains(photoWithGps, 'GPSLatitude')).toBe(true); // the fixture does carry a position
    const { dir, store } = newStore();

    const result = await saveUpload(
      getDb(),
      { bytes: photoWithGps, originalName: '照片.png', orgId: branch.id, purpose: 'photo', uploadedBy: 'user-42' },
      store,
    );

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { file } = result;
    const onDisk = new Uint8Array(fs.readFileSync(path.join(dir, file.storageKey)));
    expect(filesIn(dir)).toEqual([file.storageKey]);
    expect(await store.get(file.storageKey)).toEqual(onDisk);

    for (const leak of ['GPSLatitude', '31.230416N', 'Exif', 'Canon']) expect(contains(onDisk, leak), leak).toBe(false);
    expect(onDisk).toEqual(photoWithoutMetadata); // the picture itself is untouched
    expect(file.mime).toBe('image/jpeg');
    expect(file.originalName).toBe('照片.jpg');
    expect(file.sizeBytes).toBe(onDisk.length);
    expect(file.sizeBytes).toBeLessThan(photoWithGps.length);
    expect(file.sha256).toBe(sha256(onDisk));
    expect(file.visibility).toBe('scope');
    expect(file.orgId).toBe(branch.id);
    expect(file.uploadedBy).toBe('user-42');

    // The database row says the same.
    const [row] = await getDb().select().from(files).where(eq(files.id, file.id));
    expect(row).toMatchObject({ sha256: sha256(onDisk), sizeBytes: onDisk.length, mime: 'image/jpeg', originalName: '照片.jpg' });
  });

  it('rejects bad uploads with the exact Chinese message, leaving no row and no file behind', async () => {
    const oversized = new Uint8Array(UPLOAD_MAX_BYTES + 1);
    oversized.set(photoWithoutMetadata);
    const html = bytes('<!DOCTYPE html><html><head><title>x</title></head><body><script>alert(1)</script></body></html>');
    const damagedJpeg = bytes(SOI, app0Jfif, exifWithGps(), dqt); // cut off before the frame and scan

    const cases: Array<[string, Omit<SaveUploadInput, 'orgId'>, string]> = [
      ['oversized', { bytes: oversized, originalName: 'big.jpg', purpose: 'studyMaterial' }, messages.upload.tooLarge(20)],
      ['empty', { bytes: new Uint8Array(0), originalName: 'empty.jpg', purpose: 'photo' }, messages.upload.empty],
      ['HTML renamed .jpg', { bytes: html, originalName: 'photo.jpg', purpose: 'photo' }, messages.upload.unsupported],
      ['PDF as a photo', { bytes: pdf, originalName: '证明.pdf', purpose: 'photo' }, messages.upload.notAllowedHere],
      ['damaged JPEG', { bytes: damagedJpeg, originalName: 'broken.jpg', purpose: 'photo' }, messages.upload.damaged],
    ];
    // The messages a user reads, spelled out so a changed text or limit is noticed.
    expect(messages.upload.tooLarge(20)).toBe('文件过大，单个文件不能超过 20 MB。');
    expect(messages.upload.empty).toBe('文件为空，请重新选择。');
    expect(messages.upload.notAllowedHere).toBe('此处不允许上传该类型的文件。');
    expect(messages.upload.damaged).toBe('文件已损坏，无法读取，请重新导出后上传。');
    expect(messages.upload.unsupported).toMatch(/^不支持该文件类型。/);

    const rowsBefore = await fileRowCount();
    for (const [label, input, message] of cases) {
      const { dir, store } = newStore();
      const result = await saveUpload(getDb(), { ...input, orgId: branch.id }, store);
      expect(result, label).toEqual({ ok: false, message });
      expect(filesIn(dir), label).toEqual([]);
      expect(fs.readdirSync(dir), label).toEqual([]);
      expect(await fileRowCount(), label).toBe(rowsBefore);
    }

    // The same PDF is fine where documents are allowed, so the rejection above is about the slot.
    const { dir, store } = newStore();
    const accepted = await saveUpload(getDb(), { bytes: pdf, originalName: '证明.pdf', orgId: branch.id, purpose: 'evidence' }, store);
    expect(accepted.ok).toBe(true);
    if (accepted.ok) {
      expect(accepted.file.mime).toBe('application/pdf');
      expect(filesIn(dir)).toEqual([accepted.file.storageKey]);
      expect(new Uint8Array(fs.readFileSync(path.join(dir, accepted.file.storageKey)))).toEqual(pdf);
    }
    expect(await fileRowCount()).toBe(rowsBefore + 1);
  });

  it('leaves no stored bytes behind when the database refuses the row', async () => {
    const { dir, store } = newStore();
    const rowsBefore = await fileRowCount();
    await expect(
      saveUpload(getDb(), { bytes: photoWithGps, originalName: 'x.jpg', orgId: 999_999, purpose: 'photo' }, store),
    ).rejects.toThrow();
    expect(filesIn(dir)).toEqual([]);
    expect(await fileRowCount()).toBe(rowsBefore);
  });
});

describe('getFileForViewer', () => {
  it('gives a scope file to admins whose scope contains its org, and nothing to others or to anonymous', async () => {
    const { store } = newStore();
    const saved = await saveUpload(getDb(), { bytes: photoWithGps, originalName: '活动照片.jpg', orgId: branch.id, purpose: 'photo' }, store);
    if (!saved.ok) throw new Error(saved.message);
    const fileId = saved.file.id;
    const stored = (await store.get(saved.file.storageKey))!;

    for (const viewer of [adminOf(branch), adminOf(committee), adminOf(root)]) {
      const download = await getFileForViewer(getDb(), { viewer, fileId }, store);
      expect(download, viewer.userId).not.toBeNull();
      expect(download!.file.id).toBe(fileId);
      expect(download!.file.originalName).toBe('活动照片.jpg');
      expect(download!.bytes).toEqual(stored);
      expect(sha256(download!.bytes)).toBe(saved.file.sha256);
    }
    const member: Viewer = { ...adminOf(branch), userId: 'member-1', tier: 'member', capabilities: [] };
    expect(await getFileForViewer(getDb(), { viewer: member, fileId }, store)).not.toBeNull();

    for (const viewer of [adminOf(otherCommittee), adminOf(siblingBranch), null]) {
      expect(await getFileForViewer(getDb(), { viewer, fileId }, store), viewer?.userId ?? 'anonymous').toBeNull();
    }
    // A scope path that merely starts with the same digits is not an ancestor ('1.2' is not above '1.23').
    const lookalike: Viewer = { ...adminOf(otherCommittee), scopePath: `${branch.path}0` };
    expect(await getFileForViewer(getDb(), { viewer: lookalike, fileId }, store)).toBeNull();
  });

  it('gives a public file to anyone, anonymous included', async () => {
    const { store } = newStore();
    const saved = await saveUpload(
      getDb(),
      { bytes: pdf, originalName: '学习资料.pdf', orgId: branch.id, purpose: 'studyMaterial', visibility: 'public' },
      store,
    );
    if (!saved.ok) throw new Error(saved.message);
    for (const viewer of [null, adminOf(otherCommittee), adminOf(branch)]) {
      const download = await getFileForViewer(getDb(), { viewer, fileId: saved.file.id }, store);
      expect(download?.bytes, viewer?.userId ?? 'anonymous').toEqual(pdf);
      expect(download?.file.visibility).toBe('public');
    }
  });

  it('returns null for unknown and malformed ids, and for a file whose bytes are gone', async () => {
    const { store } = newStore();
    const admin = adminOf(root);
    for (const fileId of [randomUUID(), 'not-a-uuid', '', '../../etc/passwd', `${randomUUID()}x`, "' OR 1=1 --"]) {
      expect(await getFileForViewer(getDb(), { viewer: admin, fileId }, store), fileId).toBeNull();
    }

    const saved = await saveUpload(getDb(), { bytes: pdf, originalName: 'a.pdf', orgId: branch.id, purpose: 'evidence' }, store);
    if (!saved.ok) throw new Error(saved.message);
    expect(await getFileForViewer(getDb(), { viewer: admin, fileId: saved.file.id }, store)).not.toBeNull();
    await store.delete(saved.file.storageKey);
    expect(await getFileForViewer(getDb(), { viewer: admin, fileId: saved.file.id }, store)).toBeNull();
  });

  // A 36-character id that is not a UUID must be a 404, not a failed uuid cast (a 500).
  it('returns null (not a database error) for a 36-character id that is not a UUID', async () => {
    const { store } = newStore();
    for (const fileId of ['-'.repeat(36), '0'.repeat(36), `${randomUUID().replace(/-/g, '')}abcd`]) {
      expect(fileId).toHaveLength(36);
      expect(await getFileForViewer(getDb(), { viewer: adminOf(root), fileId }, store), fileId).toBeNull();
    }
  });
});

describe('LocalDiskStore', () => {
  it('refuses keys that could reach outside its folder, and writes nothing', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-store-parent-'));
    const dir = path.join(parent, 'uploads');
    fs.mkdirSync(dir);
    const store = new LocalDiskStore(dir);
    const data = bytes('secret');

    for (const key of ['../x', 'a/../../b', '..', 'ab/..', '/etc/passwd', '.hidden', 'a\\..\\b', 'A/../b', '']) {
      await expect(store.put(key, data), key).rejects.toThrow(/invalid storage key/);
      await expect(store.get(key), key).rejects.toThrow(/invalid storage key/);
      await expect(store.delete(key), key).rejects.toThrow(/invalid storage key/);
    }
    expect(fs.readdirSync(parent)).toEqual(['uploads']);
    expect(filesIn(dir)).toEqual([]);

    // An ordinary key round-trips inside the folder.
    await store.put('ab/ab12-cd34', data);
    expect(filesIn(dir)).toEqual([path.join('ab', 'ab12-cd34')]);
    expect(await store.get('ab/ab12-cd34')).toEqual(data);
    await store.delete('ab/ab12-cd34');
    expect(await store.get('ab/ab12-cd34')).toBeNull();
    expect(filesIn(dir)).toEqual([]);
  });
});
