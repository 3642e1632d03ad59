// Re-run a 双随机一公开 draw from its public JSON, outside Python (Node.js >= 18, no packages).
// Usage: node docs/verify-draw.mjs draw-12.json   → prints MATCH or MISMATCH (exit status 0 / 1).
// The algorithm is specified in docs/inspections-draw.md.
import { createHash, createHmac } from "node:crypto";
import { readFileSync } from "node:fs";

const TWO_64 = 1n << 64n;
const byteOrder = (a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b)));

function stream(seed, label) {
  let counter = 0;
  return {
    below(n) {
      const bn = BigInt(n);
      const limit = TWO_64 - (TWO_64 % bn);
      for (;;) {
        const block = createHmac("sha256", Buffer.from(seed, "ascii"))
          .update(`${label}:${counter++}`, "ascii").digest();
        const x = block.readBigUInt64BE(0);
        if (x < limit) return Number(x % bn);
      }
    },
  };
}

function partialShuffle(size, count, s) {
  const moved = new Map();
  const picked = [];
  for (let i = 0; i < count; i++) {
    const j = i + s.below(size - i);
    const vi = moved.has(i) ? moved.get(i) : i;
    const vj = moved.has(j) ? moved.get(j) : j;
    moved.set(i, vj);
    moved.set(j, vi);
    picked.push(vj);
  }
  return picked;
}

export function runDraw(seed, targetKeys, count, inspectorCodes, exclusions) {
  const targets = [...targetKeys].sort(byteOrder);
  const inspectors = [...new Set(inspectorCodes)].sort(byteOrder);
  const excluded = new Set(exclusions.map(([code, key]) => `${code} ${key}`));
  return partialShuffle(targets.length, count, stream(seed, "targets")).map((position) => {
    const key = targets[position];
    const eligible = inspectors.filter((code) => !excluded.has(`${code} ${key}`));
    const pair = partialShuffle(eligible.length, 2, stream(seed, `inspectors:${key}`));
    return [key, ...pair.map((i) => eligible[i])];
  });
}

export function manifest(data) {
  const lines = [`algorithm ${data.algorithm}`, `draw ${data.draw}`, `count ${data.count}`];
  for (const t of data.targets.map((t) => t.key).sort(byteOrder)) lines.push(`target ${t}`);
  for (const c of [...data.inspectors].sort(byteOrder)) lines.push(`inspector ${c}`);
  const pairs = [...new Set(data.exclusions.map(([c, k]) => `${c} ${k}`))].sort(byteOrder);
  for (const p of pairs) lines.push(`exclusion ${p}`);
  return lines.join("\n") + "\n";
}

if (process.argv[2]) {
  const data = JSON.parse(readFileSync(process.argv[2], "utf8"));
  const sha256 = (text) => createHash("sha256").update(text, "ascii").digest("hex");
  const problems = [];
  if (!data.seed) problems.push("the seed is not published yet");
  else if (sha256(data.seed) !== data.seed_hash) problems.push("SHA-256(seed) ≠ commitment");
  if (sha256(manifest(data)) !== data.pool_digest) problems.push("pools ≠ pool digest");
  if (data.seed) {
    const keys = [...data.targets].sort((a, b) => a.position - b.position).map((t) => t.key);
    const rerun = runDraw(data.seed, keys, data.count, data.inspectors, data.exclusions);
    const recorded = [...data.result].sort((a, b) => a.order - b.order)
      .map((r) => [r.target_key, ...r.inspectors]);
    if (JSON.stringify(rerun) !== JSON.stringify(recorded)) {
      problems.push(`re-run ${JSON.stringify(rerun)} ≠ recorded ${JSON.stringify(recorded)}`);
    }
  }
  console.log(problems.length ? `MISMATCH: ${problems.join("; ")}` : `MATCH: draw ${data.draw}`);
  process.exit(problems.length ? 1 : 0);
}
