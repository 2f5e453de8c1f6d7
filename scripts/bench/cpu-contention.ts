// How much CPU other processes took while we measured. On a shared 2-core
// machine a build or test run elsewhere halves the figures; the report says
// so instead of leaving the reader to guess. Linux only (/proc); elsewhere the
// figure is null.
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

export interface CpuSnapshot {
  totalTicks: number;
  busyTicks: number;
  oursTicks: number;
}

/** Busy and total ticks of the whole machine (/proc/stat, first line). */
function machineTicks() {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '').trim().split(/\s+/).slice(1, 9).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { total, busy: total - idle };
}

/** CPU ticks used so far by this process and every process in the given groups. */
function oursTicks(groups: Set<number>): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the command name, which may itself hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pgrp = Number(fields[2]);
    if (Number(entry) === process.pid || groups.has(pgrp)) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks;
}

/** @param groups process groups of the servers under test */
export function cpuSnapshot(groups: Set<number>): CpuSnapshot | null {
  try {
    const machine = machineTicks();
    return { totalTicks: machine.total, busyTicks: machine.busy, oursTicks: oursTicks(groups) };
  } catch {
    return null;
  }
}

/** Cores' worth of CPU that processes outside the bench used between two snapshots. */
export function otherCoresBusy(before: CpuSnapshot | null, after: CpuSnapshot | null): number | null {
  if (!before || !after) return null;
  const total = after.totalTicks - before.totalTicks;
  if (total <= 0) return null;
  const other = after.busyTicks - before.busyTicks - (after.oursTicks - before.oursTicks);
  return Math.max(0, (other / total) * os.cpus().length);
}
