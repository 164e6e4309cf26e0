import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderRequestError } from '../errors.js';
import { parseCloudinaryUrl } from '../settings.js';
import { startCloudinaryServer, type CloudinaryTestServer } from '../test-support/cloudinary-server.js';
import { uploadToCloudinary } from './cloudinary-uploader.js';

// The SDK picks http or https from CLOUDINARY_URL when first imported: say http before it loads.
process.env['CLOUDINARY_URL'] = 'cloudinary://111:placeholder@local?upload_prefix=http://127.0.0.1:9';

const cloud = { name: 'streamgank-test', apiKey: '123456789012345', apiSecret: 'test-secret-abc' };
let server: CloudinaryTestServer;
let dir: string;
let file: string;

beforeAll(async () => {
  server = await startCloudinaryServer(cloud);
  dir = mkdtempSync(join(tmpdir(), 'streamgank-cloudinary-'));
  file = join(dir, 'poster.png');
  writeFileSync(file, Buffer.from('not really a png, but bytes to upload'));
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const settingsWith = (secret: string) =>
  parseCloudinaryUrl(`cloudinary://${cloud.apiKey}:${secret}@${cloud.name}?upload_prefix=${server.origin}`, {
    STREAMGANK_CLOUDINARY_FOLDER: 'sg',
  });

describe('the Cloudinary uploader (real SDK, local upload endpoint)', () => {
  it('uploads a signed file and returns its secure URL', async () => {
    const uploaded = await uploadToCloudinary(settingsWith(cloud.apiSecret), {
      file,
      resourceType: 'image',
      folder: 'posters',
      publicId: 'enhanced_ca_1',
    });
    expect(uploaded.secureUrl).toMatch(
      new RegExp(`^https://res\\.cloudinary\\.com/${cloud.name}/image/upload/v\\d+/sg/posters/enhanced_ca_1\\.png$`),
    );
    const received = server.uploads.at(-1);
    expect(received).toMatchObject({ resourceType: 'image', fileName: 'poster.png' });
    expect(received?.fields).toMatchObject({
      folder: 'sg/posters',
      public_id: 'enhanced_ca_1',
      overwrite: '1',
      api_key: cloud.apiKey,
    });
    expect(received?.sha256).toBe(
      createHash('sha256').update(Buffer.from('not really a png, but bytes to upload')).digest('hex'),
    );
  });

  it('uploads videos to the video endpoint', async () => {
    const uploaded = await uploadToCloudinary(settingsWith(cloud.apiSecret), {
      file,
      resourceType: 'video',
      folder: 'clips',
      publicId: 'ca_1_10s',
    });
    expect(uploaded.secureUrl).toContain('/video/upload/');
    expect(server.uploads.at(-1)?.resourceType).toBe('video');
  });

  it('fails with a typed error when the signature is wrong', async () => {
    const before = server.uploads.length;
    const failure = uploadToCloudinary(settingsWith('the-wrong-secret'), {
      file,
      resourceType: 'image',
      folder: 'posters',
      publicId: 'x',
    });
    await expect(failure).rejects.toBeInstanceOf(ProviderRequestError);
    await expect(failure).rejects.toThrow(/Invalid Signature.*CLOUDINARY_URL/);
    expect(server.uploads.length).toBe(before);
    expect(server.rejected).toContain('Invalid Signature');
  });

  it('reads CLOUDINARY_URL and refuses a malformed one', () => {
    expect(parseCloudinaryUrl('cloudinary://key:secret@my-cloud')).toMatchObject({
      cloudName: 'my-cloud',
      apiKey: 'key',
      apiSecret: 'secret',
      folder: 'streamgank',
    });
    expect(() => parseCloudinaryUrl('https://example.com')).toThrow(/CLOUDINARY_URL/);
    expect(() => parseCloudinaryUrl('cloudinary://my-cloud')).toThrow(/CLOUDINARY_URL/);
  });
});
