import Cookies from 'js-cookie';
import { OPTIONAL_CATEGORIES, type CategoryChoices } from './categories';
import { cookieRegistry, registryNameMatches, type RegistryEntry } from './cookie-registry';

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

type WithdrawalEnv = {
  hostname: string;
  secure: boolean;
  cookieNames: () => string[];
  storages: Partial<Record<'localStorage' | 'sessionStorage', Storage>>;
};

function browserEnv(): WithdrawalEnv {
  const storages: WithdrawalEnv['storages'] = {};
  // Storage access throws when the reader blocks site data: nothing to delete then.
  try {
    storages.localStorage = window.localStorage;
    storages.sessionStorage = window.sessionStorage;
  } catch {}
  return {
    hostname: location.hostname,
    secure: location.protocol === 'https:',
    cookieNames: () => Object.keys(Cookies.get()),
    storages,
  };
}

function deleteCookieEverywhere(name: string, hostname: string): void {
  Cookies.remove(name, { path: '/' });
  for (const domain of cookieDomainVariants(hostname)) Cookies.remove(name, { path: '/', domain });
}

function firstPartyEntries(category: string): RegistryEntry[] {
  return cookieRegistry.filter((e) => e.category === category && e.party.kind === 'first');
}

/**
 * Withdrawal must be as easy and as complete as consent (GDPR art. 7(3)):
 * for every refused category, each first-party cookie or storage key the
 * registry lists is deleted on the host and its parent domains. Cookies that
 * the registry marks "session, or longer with consent" (the language and
 * theme the reader picked themselves) are turned back into session cookies
 * instead. Third-party cookies live on the provider's domain, out of our
 * reach: refusing marketing stops loading the provider, so it sets no more.
 * Returns the names it deleted or shortened.
 */
export function removeRefusedStorage(choices: CategoryChoices, env: WithdrawalEnv = browserEnv()): string[] {
  const touched: string[] = [];
  for (const category of OPTIONAL_CATEGORIES) {
    if (choices[category]) continue;
    for (const entry of firstPartyEntries(category)) {
      if (entry.storage === 'cookie') {
        for (const name of env.cookieNames().filter((n) => registryNameMatches(entry, n))) {
          const value = Cookies.get(name);
          deleteCookieEverywhere(name, env.hostname);
          if (entry.duration.kind === 'session-or-days' && value !== undefined) {
            Cookies.set(name, value, { path: '/', sameSite: 'lax', secure: env.secure });
          }
          touched.push(name);
        }
        continue;
      }
      const storage = env.storages[entry.storage];
      if (!storage) continue;
      for (const key of Object.keys(storage).filter((k) => registryNameMatches(entry, k))) {
        storage.removeItem(key);
        touched.push(key);
      }
    }
  }
  return touched;
}
