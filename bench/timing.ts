import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

export interface Case {
  label: string;
  args: string[];
  /** The goal, as a multiple of the first case's median (node's own start). */
  goal?: number;
}

export interface Timing {
  median: number;
  best: number;
  /** Mean user + system CPU of one run, ms (Linux; NaN elsewhere). */
  cpu: number;
  lines: number;
}

/** User + system CPU of this process's finished children, ms (/proc/self/stat, in clock ticks of 10 ms). */
function childrenCpu(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return Number.NaN;
  }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Whole-process wall time of each case, the cases interleaved (one run of each in turn, so a
 * change in the machine's load touches them all alike), after one warm-up round.
 */
export function timeInterleaved(cases: Case[], runs: number, env: NodeJS.ProcessEnv): Timing[] {
  const times = cases.map(() => [] as number[]);
  const cpu = cases.map(() => 0);
  const lines = cases.map(() => 0);
  for (let round = -1; round < runs; round++) {
    cases.forEach((c, i) => {
      const cpu0 = childrenCpu();
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, c.args, { env, encoding: 'utf8', maxBuffer: 1 << 30 });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (r.status !== 0) throw new Error(`${c.args.join(' ')} failed (${r.status}): ${r.stderr}`);
      if (round < 0) return;
      times[i]!.push(ms);
      cpu[i]! += childrenCpu() - cpu0;
      lines[i] = r.stdout.trim().split('\n').length - 1;
    });
  }
  return cases.map((_, i) => ({ median: median(times[i]!), best: Math.min(...times[i]!), cpu: cpu[i]! / runs, lines: lines[i]! }));
}

/** Prints each case beside the first one (the floor): median, best, CPU, ratio of medians and the goal. */
export function printAgainstFloor(cases: Case[], timings: Timing[], rowsOf?: (c: Case) => boolean): void {
  const floor = timings[0]!.median;
  cases.forEach((c, i) => {
    const t = timings[i]!;
    const ratio = t.median / floor;
    const goal = c.goal ? `  goal ${c.goal}x: ${ratio <= c.goal ? 'met' : 'MISSED'}` : '';
    const rows = rowsOf?.(c) ? `  (${t.lines} rows)` : '';
    console.log(`  ${c.label.padEnd(42)} ${t.median.toFixed(0).padStart(5)} ms (best ${t.best.toFixed(0).padStart(3)}, CPU ${t.cpu.toFixed(0).padStart(3)})  ${ratio.toFixed(2)}x node${goal}${rows}`);
  });
  console.log(`  load average after the timings: ${loadavg()[0]!.toFixed(1)}`);
}

/** One run under /usr/bin/time: peak RSS, wall time and stdout's lines; undefined where time(1) is missing. */
export function peakOf(args: string[], env: NodeJS.ProcessEnv): { rssMb: number; seconds: number; lines: number } | undefined {
  if (!existsSync('/usr/bin/time')) return undefined;
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const kb = Number(r.stderr.trim().split('\n').pop());
  return { rssMb: kb / 1024, seconds, lines: r.stdout.split('\n').length - 1 };
}
