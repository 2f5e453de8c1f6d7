import { deleteCookie, readCookies, writeCookie } from '@/lib/browser-cookie';
import { OPTIONAL_CATEGORIES, type CategoryChoices, type OptionalCategory } from './categories';

/** One first-party key of the registry, as the browser needs it (see withdrawalRules()). */
export type WithdrawalRule = {
  /** Exact name, or a prefix followed by `*`. */
  name: string;
  storage: 'cookie' | 'localStorage' | 'sessionStorage';
  category: OptionalCategory;
  /** Turned back into a session cookie rather than deleted (language, theme). */
  keepForSession: boolean;
};

/** True when `key` is the name, or starts with its prefix when the name ends with `*`. */
export function keyMatches(name: string, key: string): boolean {
  return name.endsWith('*') ? key.startsWith(name.slice(0, -1)) : key === name;
}

/**
 * Domains a cookie for `hostname` may have been set on: the host itself and
 * every parent up to (not including) the top-level label. A Domain cookie
 * can only be deleted by naming its domain, so withdrawal tries each; the
 * browser ignores the ones that never existed or are public suffixes.
 */
export function cookieDomainVariants(hostname: string): string[] {
  if (!hostname || /^[\d.]+$/.test(hostname) || hostname.includes(':')) return hostname ? [hostname] : [];
  const labels = hostname.split('.');
  const variants: string[] = [];
  for (let i = 0; i < labels.length - 1; i++) variants.push(labels.slice(i).join('.'));
  return variants.length ? variants : [hostname];
}

function storageOf(kind: 'localStorage' | 'sessionStorage'): Storage | null {
  // Storage access throws when the reader blocks site data: nothing to delete then.
  try {
    return window[kind];
  } catch {
    return null;
  }
}

/**
 * Withdrawal must be as easy and as complete as consent (GDPR art. 7(3)):
 * for every refused category, each first-party cookie or storage key of the
 * registry is deleted, on the host and on its parent domains. Cookies that
 * the registry marks "session, or longer with consent" (the language and
 * theme the reader picked themselves) become session cookies again instead.
 * Returns the keys it deleted or shortened.
 */
export function removeRefusedStorage(choices: CategoryChoices, rules: readonly WithdrawalRule[]): string[] {
  const touched: string[] = [];
  const refused = OPTIONAL_CATEGORIES.filter((c) => !choices[c]);
  for (const rule of rules.filter((r) => refused.includes(r.category))) {
    if (rule.storage !== 'cookie') {
      const storage = storageOf(rule.storage);
      for (const key of storage ? Object.keys(storage) : []) {
        if (!keyMatches(rule.name, key)) continue;
        storage?.removeItem(key);
        touched.push(key);
      }
      continue;
    }
    for (const [name, value] of Object.entries(readCookies())) {
      if (!keyMatches(rule.name, name)) continue;
      deleteCookie(name, cookieDomainVariants(location.hostname));
      if (rule.keepForSession) writeCookie(name, value);
      touched.push(name);
    }
  }
  return touched;
}
