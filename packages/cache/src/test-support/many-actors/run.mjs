// The many-actors run: several actor processes and an outside hand working on one cache directory
// at once for a fixed time, then an oracle that reads the directory from scratch and checks that
// the cache told the truth and lost nothing. Used by the system test (about a minute) and by
// `tools/soak` (as long as you like). Plain JavaScript, so both can run it against the built package.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';

const ACTOR = join(import.meta.dirname, 'actor.mjs');
const GENRES = ['Horror', 'Comedy', 'Drama', 'Thriller', 'Action & Adventure', 'Comédie', 'Sci-Fi', 'Documentary'];
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/**
 * Run `actors` processes and the outside hand for `seconds` on `<root>/cache`, then check. Returns
 * the counts and every problem found (none is the only good answer).
 */
export async function runManyActors({ distEntry, root, seconds, actors = 4, seed = 1 }) {
  const dist = await import(distEntry);
  const { exportBundle } = await import(join(dirname(distEntry), 'bundles.js'));
  const cacheDir = join(root, 'cache');
  const work = join(root, 'work');
  mkdirSync(join(work, 'bundles'), { recursive: true });
  mkdirSync(cacheDir, { recursive: true });

  // Another machine's cache: its entries arrive here renamed over ours, copied in, and in bundles.
  const otherDir = join(work, 'other');
  const other = dist.createCache({ dir: otherDir, env: {}, logger: dist.silentLogger });
  for (const genre of GENRES) {
    for (const type of ['script_result', 'assets']) {
      const source = join(work, 'other-blob.bin');
      writeFileSync(source, randomBytes(1000 + Math.floor(Math.random() * 50_000)));
      await other.getOrCreate(type, { country: 'US', genre, platform: 'Netflix' }, async (ctx) => {
        const blob = await ctx.putBlob(source, 'application/octet-stream');
        const payload = {
          writer: 'other machine',
          n: Math.random(),
          text: randomBytes(32).toString('hex'),
          blob: blob.sha256,
        };
        return { payload, check: sha256(JSON.stringify(payload)) };
      });
    }
  }
  for (const genre of GENRES.slice(0, 4))
    await exportBundle(other, join(work, 'bundles', `${genre}.tar.gz`), { genre });
  const otherEntries = readdirSync(otherDir).filter((name) => name.endsWith('.json'));

  const reports = [];
  const children = Array.from({ length: actors }, (_, index) => {
    const report = join(work, `report-${index}.json`);
    reports.push(report);
    const child = spawn(
      process.execPath,
      [ACTOR, distEntry, cacheDir, work, String(seed * 1000 + index), String(seconds), report],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
  });

  const hand = await outsideHand({ cacheDir, work, otherDir, otherEntries, seconds });
  const exits = await Promise.all(children);
  const problems = [];
  const operations = {};
  exits.forEach((exit, index) => {
    if (exit.code !== 0) problems.push({ kind: 'actor_failed', actor: index, stderr: exit.stderr.slice(0, 2000) });
  });
  for (const report of reports) {
    if (!existsSync(report)) continue;
    const { counts, anomalies } = JSON.parse(readFileSync(report, 'utf8'));
    for (const [what, n] of Object.entries(counts)) operations[what] = (operations[what] ?? 0) + n;
    problems.push(...anomalies);
  }
  const checked = await oracle({ dist, cacheDir, work, damaged: hand.damaged, problems });
  problems.push(...outsiders(root));
  return { seconds, actors, operations, hand: hand.counts, entries_checked: checked, problems };
}

/** Another hand on the directory: rsync-style renames over entries, copies, deletions, edits, garbage. */
async function outsideHand({ cacheDir, work, otherDir, otherEntries, seconds }) {
  const deadline = Date.now() + seconds * 1000;
  const counts = {};
  const damaged = new Map();
  const count = (what) => (counts[what] = (counts[what] ?? 0) + 1);
  const staging = join(work, 'hand');
  mkdirSync(staging, { recursive: true });
  const entryFiles = () => readdirSync(cacheDir).filter((name) => name.endsWith('.json'));
  const pick = (items) => items[Math.floor(Math.random() * items.length)];
  // What rsync does: write a temp file on the same file system, then rename it into place.
  const place = (bytes, target) => {
    const temp = join(staging, `t-${randomBytes(6).toString('hex')}`);
    writeFileSync(temp, bytes);
    renameSync(temp, target);
  };
  const bringBlobs = (bytes) => {
    for (const ref of JSON.parse(bytes.toString()).metadata.blobs ?? []) {
      const target = join(cacheDir, 'blobs', 'sha256', ref.sha256.slice(0, 2), ref.sha256);
      if (existsSync(target)) continue;
      mkdirSync(dirname(target), { recursive: true });
      place(readFileSync(join(otherDir, 'blobs', 'sha256', ref.sha256.slice(0, 2), ref.sha256)), target);
    }
  };
  let n = 0;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 60));
    n += 1;
    const roll = Math.random();
    try {
      if (roll < 0.3) {
        const name = pick(otherEntries);
        const bytes = readFileSync(join(otherDir, name));
        bringBlobs(bytes);
        place(bytes, join(cacheDir, name));
        count('renamed_over');
      } else if (roll < 0.45) {
        const bytes = readFileSync(join(otherDir, pick(otherEntries)));
        bringBlobs(bytes);
        place(bytes, join(cacheDir, `copied-${n}.json`));
        count('copied_in');
      } else if (roll < 0.6) {
        const victim = pick(entryFiles());
        if (victim) unlinkSync(join(cacheDir, victim));
        count('deleted');
      } else if (roll < 0.75) {
        const victim = pick(entryFiles());
        if (!victim) continue;
        const text = readFileSync(join(cacheDir, victim), 'utf8');
        // A person editing a cached result by hand, in place: valid JSON, the data changed.
        const edited = text.replace(/"text": "([0-9a-f])/, (_match, first) => `"text": "${first === 'a' ? 'b' : 'a'}`);
        if (edited !== text) writeFileSync(join(cacheDir, victim), edited);
        count('edited_in_place');
      } else if (roll < 0.85) {
        const victim = pick(entryFiles());
        if (!victim) continue;
        const garbage = Buffer.from(`garbage ${n}`);
        writeFileSync(join(cacheDir, victim), garbage);
        damaged.set(victim, sha256(garbage));
        count('garbage_in_place');
      } else {
        writeFileSync(join(cacheDir, `notes-${n}.txt`), `a person's notes ${n}\n`);
        count('foreign_added');
      }
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
      count('raced');
    }
  }
  return { counts, damaged };
}

/**
 * Read the directory from scratch, without the cache, and hold the cache to it: what list and
 * stats say, and that every entry file loads and restores every blob it refers to.
 */
async function oracle({ dist, cacheDir, work, damaged, problems }) {
  const files = readdirSync(cacheDir, { withFileTypes: true })
    .filter((dirent) => !dirent.isDirectory() && !/^\..*\.tmp$/.test(dirent.name))
    .map((dirent) => dirent.name);
  const expected = new Map();
  for (const file of files) {
    const bytes = readFileSync(join(cacheDir, file));
    expected.set(file, { bytes, ...judge(file, bytes) });
  }
  const canonical = (value) => value.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim();
  const keyOf = (m) =>
    [m.data_type, m.parameters.country, m.parameters.genre, m.parameters.platform].map(canonical).join('\0');
  // Files holding the same entry (a copy beside the seed-named file): the newest one is shown.
  const groups = new Map();
  for (const [file, seen] of expected) {
    if (seen.kind === 'entry') groups.set(keyOf(seen.metadata), [...(groups.get(keyOf(seen.metadata)) ?? []), file]);
  }
  const cache = dist.createCache({ dir: cacheDir, env: {}, logger: dist.silentLogger });
  const listed = cache.list().files;
  const listedNames = new Set(listed.map((entry) => entry.filename));
  let shownCount = 0;
  for (const [file, seen] of expected) {
    if (seen.kind === 'corrupt') {
      shownCount += 1;
      if (!listedNames.has(file)) problems.push({ kind: 'not_listed', file });
    }
  }
  for (const group of groups.values()) {
    shownCount += 1;
    const newest = Math.max(...group.map((file) => expected.get(file).metadata.saved_timestamp));
    const candidates = group.filter((file) => expected.get(file).metadata.saved_timestamp === newest);
    const shown = group.filter((file) => listedNames.has(file));
    if (shown.length !== 1 || !candidates.includes(shown[0]))
      problems.push({ kind: 'group_listed_wrong', group, shown, candidates });
  }
  for (const name of listedNames) if (!expected.has(name)) problems.push({ kind: 'listed_but_absent', file: name });
  for (const entry of listed) {
    const seen = expected.get(entry.filename);
    if (!seen) continue;
    const blobs = (seen.metadata?.blobs ?? [])
      .map((ref) => ref.sha256)
      .sort()
      .join(',');
    if (
      entry.size_bytes !== seen.bytes.length ||
      entry.blobs
        .map((ref) => ref.sha256)
        .sort()
        .join(',') !== blobs
    ) {
      problems.push({
        kind: 'listed_wrong',
        file: entry.filename,
        listed: { size: entry.size_bytes },
        on_disk: { size: seen.bytes.length },
      });
    }
    const status = seen.kind === 'corrupt' ? 'corrupt' : seen.edited ? 'edited' : seen.legacy ? 'legacy' : 'ok';
    if (entry.status !== status)
      problems.push({ kind: 'status_differs', file: entry.filename, listed: entry.status, on_disk: status });
  }
  const stats = cache.stats();
  const entryBytes = [...expected.values()]
    .filter((seen) => seen.kind !== 'foreign')
    .reduce((sum, seen) => sum + seen.bytes.length, 0);
  const foreign = [...expected.values()].filter((seen) => seen.kind === 'foreign').length;
  // Every blob an entry file refers to, each counted once (with the size its last reference gives).
  const blobSizes = new Map();
  for (const seen of expected.values()) {
    if (seen.kind === 'entry') for (const ref of seen.metadata.blobs ?? []) blobSizes.set(ref.sha256, ref.bytes);
  }
  const blobBytes = [...blobSizes.values()].reduce((sum, bytes) => sum + bytes, 0);
  const onDisk = {
    total_files: shownCount,
    entry_size_bytes: entryBytes,
    foreign_files: foreign,
    blob_count: blobSizes.size,
    blob_size_bytes: blobBytes,
  };
  if (Object.entries(onDisk).some(([key, value]) => stats[key] !== value)) {
    const said = Object.fromEntries(Object.keys(onDisk).map((key) => [key, stats[key]]));
    problems.push({ kind: 'stats_differ', stats: said, on_disk: onDisk });
  }

  let checked = 0;
  for (const [file, seen] of expected) {
    if (seen.kind === 'foreign') continue;
    const damagedByHand = damaged.get(file) === sha256(seen.bytes);
    if (seen.kind === 'corrupt') {
      if (!damagedByHand) problems.push({ kind: 'corrupt_entry', file });
      continue;
    }
    checked += 1;
    const inspected = cache.inspect(file);
    if (!inspected || inspected.status === 'corrupt') {
      problems.push({ kind: 'entry_unusable', file, status: inspected?.status, problem: inspected?.problem });
      continue;
    }
    for (const ref of seen.metadata.blobs ?? []) {
      const target = join(work, 'oracle-restore.bin');
      try {
        await cache.restoreBlob(ref.sha256, target);
        if (sha256(readFileSync(target)) !== ref.sha256)
          problems.push({ kind: 'blob_bytes', file, sha256: ref.sha256 });
      } catch (error) {
        problems.push({ kind: 'blob_lost', file, sha256: ref.sha256, error: error.message });
      }
    }
  }
  await cache.close();
  return checked;
}

/** What a file holds, judged without the cache: an entry (edited or not), a corrupt entry, or foreign. */
function judge(file, bytes) {
  let document;
  try {
    document = JSON.parse(bytes.toString('utf8'));
  } catch {
    document = undefined;
  }
  const metadata = document?.metadata;
  const isEntry =
    document &&
    typeof document === 'object' &&
    'data' in document &&
    metadata &&
    typeof metadata.data_type === 'string' &&
    metadata.parameters;
  if (isEntry) {
    const legacy = metadata.format_version === undefined;
    const dataText = JSON.stringify(document.data, null, 2).replace(/\n/g, '\n  ');
    const edited = !legacy && sha256(dataText) !== metadata.data_sha256;
    return { kind: 'entry', metadata, legacy, edited };
  }
  const entryNamed = /^[a-z][a-z0-9_+~-]*\.json$/.test(file) && (file.match(/_/g) ?? []).length >= 3;
  const triesToBe = document && typeof document === 'object' && ('data' in document || 'metadata' in document);
  return { kind: entryNamed || triesToBe ? 'corrupt' : 'foreign' };
}

/** Anything in the sandbox besides the cache and the run's own work area was written outside. */
function outsiders(root) {
  const found = readdirSync(root).filter((name) => name !== 'cache' && name !== 'work');
  return found.map((name) => ({
    kind: 'written_outside',
    path: relative(root, join(root, name)),
    bytes: statSync(join(root, name)).size,
  }));
}
