import type { Locale } from '@/i18n/routing';
import { CONSENT_MAX_AGE_DAYS, PREFERENCE_COOKIE_DAYS, type ConsentCategory } from './categories';
import { keyMatches, type WithdrawalRule } from './withdrawal';

/**
 * Every cookie and storage key the site can set, or lets a third party set.
 * The cookie policy table, withdrawal (deleting a category's cookies) and the
 * tests all read this list: a cookie that is not here must not exist. The
 * CNIL (recommendation 2020-092) and Quebec's Law 25 (private sector act,
 * s. 8.1) ask that readers be told each tracker, what it is for and how long
 * it lives before they choose.
 */

export type StorageKind = 'cookie' | 'localStorage' | 'sessionStorage';

export type RegistryDuration =
  /** Deleted when the browser session ends. */
  | { kind: 'session' }
  | { kind: 'days'; days: number }
  /**
   * A session cookie written on the reader's explicit request (exempt from
   * consent under the CNIL guidelines 2020-091, which exempt interface
   * customisation such as the language), that lives `days` only once its category is granted.
   * Withdrawing the category turns it back into a session cookie.
   */
  | { kind: 'session-or-days'; days: number }
  /** Reserved name that nothing sets today (see the entry's purpose). */
  | { kind: 'not-set' };

export type RegistryParty = { kind: 'first' } | { kind: 'third'; provider: string; domain: string };

export type RegistryEntry = {
  /** Exact name, or a prefix followed by `*`. */
  name: string;
  storage: StorageKind;
  category: ConsentCategory;
  purpose: Record<Locale, string>;
  duration: RegistryDuration;
  party: RegistryParty;
};

const FIRST: RegistryParty = { kind: 'first' };

export const cookieRegistry: readonly RegistryEntry[] = [
  {
    name: 'consent',
    storage: 'cookie',
    category: 'necessary',
    purpose: {
      en: 'Remembers your cookie choices (the categories you allow, when and in which language you decided), so that we do not ask again.',
      fr: 'Retient vos choix en matière de témoins (catégories permises, date et langue de votre décision), pour ne pas vous les redemander.',
    },
    duration: { kind: 'days', days: CONSENT_MAX_AGE_DAYS },
    party: FIRST,
  },
  {
    name: 'NEXT_LOCALE',
    storage: 'cookie',
    category: 'preferences',
    purpose: {
      en: 'Remembers the language you picked with the language switcher, so that the home address opens in it.',
      fr: 'Retient la langue choisie avec le sélecteur de langue, pour que l’adresse d’accueil s’ouvre dans cette langue.',
    },
    duration: { kind: 'session-or-days', days: PREFERENCE_COOKIE_DAYS },
    party: FIRST,
  },
  {
    name: 'theme',
    storage: 'cookie',
    category: 'preferences',
    purpose: {
      en: 'Remembers the theme you picked: light, dark or the one of your system.',
      fr: 'Retient le thème choisi\u00a0: clair, sombre ou celui de votre système.',
    },
    duration: { kind: 'session-or-days', days: PREFERENCE_COOKIE_DAYS },
    party: FIRST,
  },
  {
    // The page-view beacon is cookieless: it sends path, language and
    // referrer host, with no identifier. The prefix stays reserved so that a
    // cookie left by an older version, or added later, is deleted on refusal.
    name: '_ndx_a*',
    storage: 'cookie',
    category: 'analytics',
    purpose: {
      en: 'Reserved for audience measurement. None is set today: page views are counted without any cookie or identifier. A cookie with this prefix left by an older version is deleted when you refuse audience measurement.',
      fr: 'Réservé à la mesure d’audience. Aucun n’est déposé aujourd’hui\u00a0: les pages vues sont comptées sans témoin ni identifiant. Un témoin portant ce préfixe laissé par une version antérieure est supprimé si vous refusez la mesure d’audience.',
    },
    duration: { kind: 'not-set' },
    party: FIRST,
  },
  {
    name: 'YSC',
    storage: 'cookie',
    category: 'marketing',
    purpose: {
      en: 'Set by YouTube when you play an embedded video, to tie together the views of one browsing session.',
      fr: 'Déposé par YouTube quand vous lancez une vidéo intégrée, pour relier les visionnements d’une même session.',
    },
    duration: { kind: 'session' },
    party: { kind: 'third', provider: 'YouTube', domain: 'youtube.com' },
  },
  {
    name: 'VISITOR_INFO1_LIVE',
    storage: 'cookie',
    category: 'marketing',
    purpose: {
      en: 'Set by YouTube when you play an embedded video, to estimate your bandwidth and keep your viewing preferences.',
      fr: 'Déposé par YouTube quand vous lancez une vidéo intégrée, pour estimer votre bande passante et garder vos préférences de visionnement.',
    },
    duration: { kind: 'days', days: 180 },
    party: { kind: 'third', provider: 'YouTube', domain: 'youtube.com' },
  },
  {
    name: '_osm_*',
    storage: 'cookie',
    category: 'marketing',
    purpose: {
      en: 'Set by OpenStreetMap when an embedded map is shown, for its own session and security.',
      fr: 'Déposé par OpenStreetMap à l’affichage d’une carte intégrée, pour sa propre session et sa sécurité.',
    },
    duration: { kind: 'session' },
    party: { kind: 'third', provider: 'OpenStreetMap', domain: 'openstreetmap.org' },
  },
];

/** Providers named in the registry; every embed provider must appear here (tested). */
export function registryProviders(): string[] {
  return [
    ...new Set(cookieRegistry.flatMap((e) => (e.party.kind === 'third' ? [e.party.provider] : []))),
  ];
}

export function registryEntriesFor(category: ConsentCategory): RegistryEntry[] {
  return cookieRegistry.filter((e) => e.category === category);
}

/** The registry entry for a first-party key, if the key is one we may set. */
export function findRegistryEntry(key: string, storage: StorageKind = 'cookie'): RegistryEntry | undefined {
  return cookieRegistry.find((e) => e.storage === storage && e.party.kind === 'first' && keyMatches(e.name, key));
}

/**
 * What the browser needs to carry out a withdrawal: our own keys only (a
 * third party's cookies are on its domain, out of reach), without the
 * purposes. The consent island receives this as props from the server, so
 * the registry's texts are not shipped as JavaScript.
 */
export function withdrawalRules(): WithdrawalRule[] {
  return cookieRegistry
    .filter((e) => e.party.kind === 'first' && e.category !== 'necessary')
    .map((e) => ({
      name: e.name,
      storage: e.storage,
      category: e.category as WithdrawalRule['category'],
      keepForSession: e.duration.kind === 'session-or-days',
    }));
}
