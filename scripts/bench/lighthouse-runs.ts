// Lighthouse (mobile and desktop presets) with Debian's Chromium, one browser
// for all runs, one run at a time so runs do not compete for the 2 cores.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { CHROMIUM_FLAGS } from '../support/chromium';
import { cpuSnapshot, otherCoresBusy } from './cpu-contention';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

export interface LighthouseRun {
  url: string;
  preset: 'mobile' | 'desktop';
  scores: Record<string, number | null>;
  lcpMs: number | null;
  cls: number | null;
  tbtMs: number | null;
  mainThreadMs: number | null;
  domElements: number | null;
  lcpElement: string | null;
  lcpPhases: Record<string, number> | null;
  renderBlocking: string[];
  seconds: number;
  error?: string;
  warnings: string[];
  otherCores: number | null;
  failedAudits: { category: string; id: string; title: string; score: number | null }[];
}

/**
 * Audit details vary by audit and by Lighthouse version (a list of tables, or
 * one table): they are read as unknown JSON, field by field.
 */
type Json = Record<string, unknown>;
const isJson = (x: unknown): x is Json => typeof x === 'object' && x !== null;
const itemsOf = (x: unknown): unknown[] => (isJson(x) && Array.isArray(x.items) ? x.items : []);

/**
 * What the LCP element is (a selector and the start of its markup) and how
 * its time splits (TTFB, load delay, load time, render delay): whether it
 * is text that waits on CSS or an image that waits on its own download.
 * @param details the details of Lighthouse's largest-contentful-paint-element audit
 */
function lcpDetails(details: unknown): { element: string | null; phases: Record<string, number> | null } {
  const lists = isJson(details) && details.type === 'list' ? itemsOf(details) : details ? [details] : [];
  const node = lists
    .flatMap(itemsOf)
    .map((item) => (isJson(item) && isJson(item.node) ? item.node : null))
    .find((n) => n !== null);
  const phasesTable = lists.find((l) => itemsOf(l).some((i) => isJson(i) && typeof i.phase === 'string'));
  const phases = phasesTable
    ? Object.fromEntries(itemsOf(phasesTable).filter(isJson).map((i) => [String(i.phase), Math.round(Number(i.timing ?? 0))]))
    : null;
  const element = node ? `${String(node.selector ?? node.nodeLabel ?? '?')} ${String(node.snippet ?? '').slice(0, 60)}`.trim() : null;
  return { element, phases };
}

function timeout(ms: number, what: string): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms).unref());
}

export async function runLighthouse(
  runs: { url: string; preset: 'mobile' | 'desktop' }[],
  { chromePath, perRunTimeoutMs, serverGroups, log }: { chromePath: string; perRunTimeoutMs: number; serverGroups: Set<number>; log: (line: string) => void },
): Promise<LighthouseRun[]> {
  process.env.CHROME_PATH = chromePath;
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: [...CHROMIUM_FLAGS], logLevel: 'silent' });
  // Chromium runs in its own process group: its CPU is part of the measurement, not contention.
  const groups = new Set([...serverGroups, chrome.pid]);
  const results: LighthouseRun[] = [];
  try {
    for (const { url, preset } of runs) {
      const started = Date.now();
      const before = cpuSnapshot(groups);
      try {
        const result = await Promise.race([
          lighthouse(
            url,
            { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES },
            preset === 'desktop' ? desktopConfig : undefined,
          ),
          timeout(perRunTimeoutMs, `Lighthouse ${preset} ${url}`),
        ]);
        if (!result) throw new Error('Lighthouse returned no result');
        const { lhr } = result;
        const numeric = (id: string) => lhr.audits[id]?.numericValue ?? null;
        const scores: Record<string, number | null> = {};
        const failedAudits: LighthouseRun['failedAudits'] = [];
        for (const id of CATEGORIES) {
          const category = lhr.categories[id];
          scores[id] = category?.score == null ? null : Math.round(category.score * 100);
          for (const ref of category?.auditRefs ?? []) {
            const audit = lhr.audits[ref.id];
            if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) {
              failedAudits.push({ category: id, id: ref.id, title: audit.title, score: audit.score });
            }
          }
        }
        const lcp = lcpDetails(lhr.audits['largest-contentful-paint-element']?.details);
        const blocking = itemsOf(lhr.audits['render-blocking-resources']?.details).filter(isJson);
        const run: LighthouseRun = {
          url,
          preset,
          scores,
          lcpMs: numeric('largest-contentful-paint'),
          cls: numeric('cumulative-layout-shift'),
          tbtMs: numeric('total-blocking-time'),
          mainThreadMs: numeric('mainthread-work-breakdown'),
          domElements: numeric('dom-size'),
          lcpElement: lcp.element,
          lcpPhases: lcp.phases,
          renderBlocking: blocking.map((item) => `${new URL(String(item.url), url).pathname} (${Math.round(Number(item.wastedMs ?? 0))} ms)`),
          seconds: (Date.now() - started) / 1000,
          otherCores: otherCoresBusy(before, cpuSnapshot(groups)),
          warnings: lhr.runWarnings ?? [],
          failedAudits,
          ...(lhr.runtimeError ? { error: `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` } : {}),
        };
        results.push(run);
        log(
          `  lighthouse ${preset.padEnd(7)} ${url}: ${CATEGORIES.map((c) => scores[c]).join('/')}` +
            ` TBT ${Math.round(run.tbtMs ?? NaN)} ms, LCP ${Math.round(run.lcpMs ?? NaN)} ms (${run.seconds.toFixed(1)} s` +
            `${run.otherCores == null ? '' : `, other processes ${run.otherCores.toFixed(2)} cores`})`,
        );
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        results.push({
          url,
          preset,
          scores: {},
          lcpMs: null,
          cls: null,
          tbtMs: null,
          mainThreadMs: null,
          domElements: null,
          lcpElement: null,
          lcpPhases: null,
          renderBlocking: [],
          seconds: (Date.now() - started) / 1000,
          otherCores: null,
          error: message,
          warnings: [],
          failedAudits: [],
        });
        log(`  lighthouse ${preset} ${url}: failed: ${message}`);
      }
    }
  } finally {
    chrome.kill();
  }
  return results;
}
