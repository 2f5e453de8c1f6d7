// @ts-check
// Lighthouse (mobile and desktop presets) with Debian's Chromium, one browser
// for all runs, one run at a time so runs do not compete for the 2 cores.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { cpuSnapshot, otherCoresBusy } from './cpu-contention.mjs';

/** Same flags as the browser tests (e2e/support/browser.ts). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

/**
 * @typedef {{
 *   url: string, preset: 'mobile' | 'desktop',
 *   scores: Record<string, number | null>,
 *   lcpMs: number | null, cls: number | null, tbtMs: number | null,
 *   seconds: number, error?: string, warnings: string[], otherCores: number | null,
 *   failedAudits: { category: string, id: string, title: string, score: number | null }[],
 * }} LighthouseRun
 */

/** @param {number} ms @param {string} what */
function timeout(ms, what) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms).unref());
}

/**
 * @param {{ url: string, preset: 'mobile' | 'desktop' }[]} runs
 * @param {{ chromePath: string, perRunTimeoutMs: number, serverGroups: Set<number>, log: (line: string) => void }} options
 * @returns {Promise<LighthouseRun[]>}
 */
export async function runLighthouse(runs, { chromePath, perRunTimeoutMs, serverGroups, log }) {
  process.env.CHROME_PATH = chromePath;
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROMIUM_FLAGS, logLevel: 'silent' });
  // Chromium runs in its own process group: its CPU is part of the measurement, not contention.
  const groups = new Set([...serverGroups, chrome.pid]);
  /** @type {LighthouseRun[]} */
  const results = [];
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
        /** @param {string} id */
        const numeric = (id) => lhr.audits[id]?.numericValue ?? null;
        /** @type {Record<string, number | null>} */
        const scores = {};
        /** @type {LighthouseRun['failedAudits']} */
        const failedAudits = [];
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
        const run = {
          url,
          preset,
          scores,
          lcpMs: numeric('largest-contentful-paint'),
          cls: numeric('cumulative-layout-shift'),
          tbtMs: numeric('total-blocking-time'),
          seconds: (Date.now() - started) / 1000,
          otherCores: otherCoresBusy(before, cpuSnapshot(groups)),
          warnings: lhr.runWarnings ?? [],
          failedAudits,
          ...(lhr.runtimeError ? { error: `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` } : {}),
        };
        results.push(run);
        log(
          `  lighthouse ${preset.padEnd(7)} ${url}: ${CATEGORIES.map((c) => scores[c]).join('/')} (${run.seconds.toFixed(1)} s` +
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
