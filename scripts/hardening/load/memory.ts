// The server's memory in a comparable state: the load stopped, a full GC run
// inside the server (../gc-on-signal.ts), then the median of a few RSS readings.
import { delay, sampleResidentKiB } from '../../support/processes';
import { GC_REPORT_PREFIX, type GcReport } from '../gc-on-signal';

export type Settled = { rss: number | null; heapMiB: number | null };

/** Collects the reports the hook prints on the server's stdout. */
export function gcReportReader(): { onStdout: (text: string) => void; reports: GcReport[] } {
  const reports: GcReport[] = [];
  let partial = '';
  const onStdout = (text: string) => {
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const trimmed = line.trim();
      if (trimmed.startsWith(`${GC_REPORT_PREFIX} `)) reports.push(JSON.parse(trimmed.slice(GC_REPORT_PREFIX.length + 1)) as GcReport);
    }
  };
  return { onStdout, reports };
}

/** SIGUSR2 to the server, wait (≤ 5 s) for its report, then RSS (KiB) and the live JS heap (MiB) it reported. */
export async function settledMemory(pid: number, reports: GcReport[]): Promise<Settled> {
  const seen = reports.length;
  process.kill(pid, 'SIGUSR2');
  const deadline = Date.now() + 5000;
  while (reports.length === seen && Date.now() < deadline) await delay(50);
  await delay(300);
  const rss = await sampleResidentKiB(pid, 5, 100);
  const report = reports.length > seen ? reports[reports.length - 1] : undefined;
  return { rss, heapMiB: report?.forced ? report.heapUsed / 1048576 : null };
}

export function mib(kib: number | null): string {
  return kib === null ? 'n/a' : `${(kib / 1024).toFixed(1)} MiB`;
}
