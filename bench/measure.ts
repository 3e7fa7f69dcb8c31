// What every bench prints beside its figures (the machine they came from) and the timing of a
// data-layer call: warm-up rounds first (connections, prepared statements, caches), then one call
// at a time so each sample is one call's latency, not a queue's.
import os from 'node:os';
import { percentile } from './http';

/** CPU model × count, RAM, Node, OS: figures mean little without it. */
export function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? 'cpu'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export type Stat = { median: number; p95: number; min: number; max: number };

export async function time(label: string, run: (i: number) => Promise<unknown>, runs = 200, warmup = 20): Promise<Stat> {
  for (let i = 0; i < warmup; i++) await run(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await run(i);
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const stat = { median: percentile(samples, 50), p95: percentile(samples, 95), min: samples[0], max: samples[samples.length - 1] };
  console.log(
    `  ${label.padEnd(58)} median ${stat.median.toFixed(2).padStart(8)} ms   p95 ${stat.p95.toFixed(2).padStart(8)} ms   (min–max ${stat.min.toFixed(2)}–${stat.max.toFixed(2)}, n=${runs})`,
  );
  return stat;
}
