import type { Locale } from '@/i18n/routing';
import { formatPeriod } from '@/lib/format-period';
import { CONSENT_RECEIPT_RETENTION_DAYS } from '@/lib/store/retention-policy';
import { CONSENT_MAX_AGE_DAYS, PREFERENCE_COOKIE_DAYS, type ConsentCategory } from './categories';
import { siteTracking, type SiteTracking } from './site-tracking';
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
  /** Who can receive it; readers unless said otherwise (the CMS's session cookie goes to editors only). */
  audience?: 'editors';
};

const FIRST: RegistryParty = { kind: 'first' };

/** Payload's auth cookie (`<cookiePrefix>-token`) and its lifetime (collections/users.ts reads both). */
export const EDITOR_SESSION_COOKIE = 'payload-token';
export const EDITOR_SESSION_DAYS = 1;

/** The registry of a build with or without the optional Google tag. */
export function registryFor(tracking: SiteTracking): readonly RegistryEntry[] {
  return [
    ...ownEntries,
    reservedAnalyticsEntry(tracking),
    ...embedProviderEntries,
    ...(tracking.googleTag ? googleTagEntries() : []),
  ];
}

/**
 * The page-view beacon is cookieless: it sends path, language and referrer
 * host, with no identifier. The prefix stays reserved so that a cookie left
 * by an older version, or added later, is deleted on refusal. With the Google
 * tag on, "without any cookie" would misread as true of the whole category.
 */
function reservedAnalyticsEntry(tracking: SiteTracking): RegistryEntry {
  return {
    name: '_ndx_a*',
    storage: 'cookie',
    category: 'analytics',
    purpose: tracking.googleTag
      ? {
          en: 'Reserved for our own page-view counter, which sets none today (Google Analytics’ cookies are listed below). A cookie with this prefix left by an older version is deleted when you refuse audience measurement.',
          fr: 'Réservé à notre propre compteur de pages vues, qui n’en dépose aucun aujourd’hui (les témoins de Google Analytics sont énumérés plus bas). Un témoin portant ce préfixe laissé par une version antérieure est supprimé si vous refusez la mesure d’audience.',
        }
      : {
          en: 'Reserved for audience measurement. None is set today: page views are counted without any cookie or identifier. A cookie with this prefix left by an older version is deleted when you refuse audience measurement.',
          fr: 'Réservé à la mesure d’audience. Aucun n’est déposé aujourd’hui\u00a0: les pages vues sont comptées sans témoin ni identifiant. Un témoin portant ce préfixe laissé par une version antérieure est supprimé si vous refusez la mesure d’audience.',
        },
    duration: { kind: 'not-set' },
    party: FIRST,
  };
}

const ownEntries: readonly RegistryEntry[] = [
  {
    // Its receipt on the server is personal information under Law 25 (the
    // identifier is tied to one browser), so the purpose says what is kept,
    // for how long, and how the reader reads it back.
    name: 'consent',
    storage: 'cookie',
    category: 'necessary',
    purpose: {
      en: `Remembers your cookie choices (the categories you allow, when and in which language you decided) under a random identifier, so that we do not ask again. Each decision is also recorded on our server under that identifier, as a receipt: the categories, how you chose (banner or settings), the language, whether your browser sent Global Privacy Control, the policy revision and the times. Receipts are kept for ${formatPeriod(CONSENT_RECEIPT_RETENTION_DAYS, 'en')}, with no IP address or browser details. Once you have chosen, this page links to your own receipts.`,
      fr: `Retient vos choix en matière de témoins (catégories permises, date et langue de votre décision) sous un identifiant aléatoire, pour ne pas vous les redemander. Chaque décision est aussi consignée sur notre serveur sous cet identifiant, dans un reçu : les catégories, la façon de choisir (bandeau ou paramètres), la langue, la présence du signal Global Privacy Control, la révision de la politique et les heures. Les reçus sont conservés ${formatPeriod(CONSENT_RECEIPT_RETENTION_DAYS, 'fr')}, sans adresse IP ni renseignements sur votre navigateur. Une fois votre choix fait, cette page donne le lien vers vos propres reçus.`,
    },
    duration: { kind: 'days', days: CONSENT_MAX_AGE_DAYS },
    party: FIRST,
  },
  {
    // Only editors who sign in to the CMS (/admin) receive it; no reader page sets it.
    name: EDITOR_SESSION_COOKIE,
    storage: 'cookie',
    category: 'necessary',
    purpose: {
      en: 'For the newsroom’s editors only: keeps an editor signed in to the publishing system (/admin). Readers never receive it.',
      fr: 'Pour les éditeurs de la rédaction seulement : garde un éditeur connecté au système de publication (/admin). Les lecteurs ne le reçoivent jamais.',
    },
    duration: { kind: 'days', days: EDITOR_SESSION_DAYS },
    party: FIRST,
    audience: 'editors',
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
];

/** Set by embed providers on their own domains, once the reader shows their content. */
const embedProviderEntries: readonly RegistryEntry[] = [
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
    // Best knowledge (checked against openstreetmap-website): the embed page
    // is served from a page cache and normally sets none of these; the
    // session cookies of openstreetmap.org can still come with it.
    name: '_osm_*',
    storage: 'cookie',
    category: 'marketing',
    purpose: {
      en: 'OpenStreetMap’s own session and security cookies. The embedded map page normally sets none, but showing a map connects your browser to OpenStreetMap and its map-tile servers, which receive your IP address.',
      fr: 'Témoins de session et de sécurité d’OpenStreetMap. La page de carte intégrée n’en dépose normalement aucun, mais afficher une carte connecte votre navigateur à OpenStreetMap et à ses serveurs de tuiles, qui reçoivent votre adresse IP.',
    },
    duration: { kind: 'session' },
    party: { kind: 'third', provider: 'OpenStreetMap', domain: 'openstreetmap.org' },
  },
];

/**
 * Every cookie and storage key of this build. The Google entries are there
 * only when the optional Google tag is on (NEXT_PUBLIC_GA_ID): Google's
 * script writes them on our own domain, so they are first-party keys that a
 * refusal deletes.
 */
export const cookieRegistry: readonly RegistryEntry[] = registryFor(siteTracking);

/** The cookies gtag.js sets on the site's domain (Google Analytics 4, conversion linker). */
function googleTagEntries(): RegistryEntry[] {
  return [
    {
      name: '_ga',
      storage: 'cookie',
      category: 'analytics',
      purpose: {
        en: 'Set by Google Analytics on this site’s domain to tell one browser’s visits apart in our audience statistics.',
        fr: 'Déposé par Google Analytics sur le domaine de ce site pour distinguer les visites d’un même navigateur dans nos statistiques d’audience.',
      },
      duration: { kind: 'days', days: 730 },
      party: FIRST,
    },
    {
      name: '_ga_*',
      storage: 'cookie',
      category: 'analytics',
      purpose: {
        en: 'Set by Google Analytics on this site’s domain to keep the state of a visit (session number and time).',
        fr: 'Déposé par Google Analytics sur le domaine de ce site pour garder l’état d’une visite (numéro et heure de la session).',
      },
      duration: { kind: 'days', days: 730 },
      party: FIRST,
    },
    {
      name: '_gcl_*',
      storage: 'cookie',
      category: 'marketing',
      purpose: {
        en: 'Set by the Google tag on this site’s domain, only with marketing allowed, to link a visit to an advertisement you clicked.',
        fr: 'Déposé par la balise Google sur le domaine de ce site, seulement si le marketing est permis, pour relier une visite à une publicité sur laquelle vous avez cliqué.',
      },
      duration: { kind: 'days', days: 90 },
      party: FIRST,
    },
  ];
}

/** Providers named in the registry; every embed provider must appear here (tested). */
export function registryProviders(registry: readonly RegistryEntry[] = cookieRegistry): string[] {
  return [...new Set(registry.flatMap((e) => (e.party.kind === 'third' ? [e.party.provider] : [])))];
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
