import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PUBLISHED_BIN as BIN, cleanEnv } from '../../test-support/run-cli.js';
import { testCache } from '../../test-support/seed-cache.js';
import { tempDir } from '@streamgank/testing';

const RUNS = 9;
const GENRES = [
  'Horror',
  'Comedy',
  'Drama',
  'Action & Aventure',
  'Thriller',
  'Romance',
  'Documentary',
  'Animation',
  'Sci-Fi',
  'Fantasy',
];
const TYPES = ['catalog', 'script_result', 'assets', 'final_video'];

function seedThousand(dir: string): void {
  const cache = testCache(dir);
  for (let index = 0; index < 1000; index += 1) {
    const parameters = {
      country: `C${Math.floor(index / 40)}`,
      genre: GENRES[index % 10] as string,
      platform: 'Netflix',
    };
    cache.save(
      TYPES[Math.floor(index / 10) % 4] as string,
      parameters,
      { scripts: ['x'.repeat(200)], index },
      { producer: 'test', produceMs: 1000 },
    );
  }
}

/** CPU time (user + system) of this process's finished children, from /proc (clock ticks of 10 ms). */
function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
  // After "pid (comm) ", cutime and cstime are the 14th and 15th fields.
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** Median wall and CPU time of running `node args` RUNS times. */
function measure(args: readonly string[], cwd: string): { wall: number; cpu: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const cpuBefore = childrenCpuMs();
    const started = performance.now();
    const result = spawnSync(process.execPath, args, { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    wall.push(performance.now() - started);
    cpu.push(childrenCpuMs() - cpuBefore);
    expect(result.status, result.stderr.toString()).toBe(0);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

describe('streamgank cache stats --json on 1,000 entries', { timeout: 180_000 }, () => {
  it("adds less than 200 ms of CPU time to node's own start-up (300 ms in all is the budget)", () => {
    // The published bin falls back to dist/ without a bundle; this measures the bundle users get.
    expect(existsSync(new URL('../../../dist-bundle/bin.js', import.meta.url)), 'run `nx run cli:bundle` first').toBe(
      true,
    );
    const dir = tempDir();
    seedThousand(dir);
    const stats = JSON.parse(
      spawnSync(process.execPath, [BIN, '--cache-dir', dir, 'cache', 'stats', '--json'], {
        env: cleanEnv(),
      }).stdout.toString(),
    ) as { total_files: number };
    expect(stats.total_files).toBe(1000);

    const bareNode = measure(['-e', '0'], dir);
    const command = measure([BIN, '--cache-dir', dir, 'cache', 'stats', '--json'], dir);
    process.stderr.write(
      `cache stats --json on 1,000 entries: median ${command.wall.toFixed(0)} ms wall, ${command.cpu} ms CPU; ` +
        `node -e 0: ${bareNode.wall.toFixed(0)} ms wall, ${bareNode.cpu} ms CPU\n`,
    );
    // Wall time on a shared CI machine says more about its other jobs than about this command;
    // CPU time does not. Node's own start-up varies with the machine: what the command adds must stay small.
    expect(command.cpu - bareNode.cpu).toBeLessThan(200);
  });
});
