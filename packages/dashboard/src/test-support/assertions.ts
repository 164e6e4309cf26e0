import { expect } from 'vitest';
import type { SimpleResponse } from './http-client.js';

/** A refusal is a short JSON sentence: no stack trace, no source path, no CORS header. */
export function expectRefusal(response: SimpleResponse, status: number): string {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.headers['access-control-allow-origin']).toBeUndefined();
  const body = response.json() as { error: string };
  expect(typeof body.error).toBe('string');
  expect(body.error.length).toBeLessThan(300);
  expect(body.error).not.toMatch(/\n\s+at |\/src\/|node_modules|\.ts:\d+/);
  return body.error;
}
