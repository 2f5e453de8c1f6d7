import { GOOGLE_CONSENT_DEFAULTS, googleConsentFor } from './google-consent';

/**
 * The optional Google tag (gtag.js), on only when NEXT_PUBLIC_GA_ID is set at
 * build time; otherwise the layout renders none of it, so no Google code is
 * on any page.
 */

const GOOGLE_TAG_ID = /^[A-Z]{1,3}-[A-Z0-9]{4,20}$/;

/**
 * The tag id from the environment: null when unset or empty; an id that is
 * not a Google tag id (G-XXXXXXX) stops the build rather than being written
 * into an inline script.
 */
export function googleTagId(value: string | undefined): string | null {
  const id = value?.trim();
  if (!id) return null;
  if (!GOOGLE_TAG_ID.test(id)) throw new Error(`NEXT_PUBLIC_GA_ID "${id}" is not a Google tag id such as G-XXXXXXXXXX`);
  return id;
}

export const GOOGLE_TAG_SCRIPT_ORIGIN = 'https://www.googletagmanager.com';

/**
 * The inline <head> script, placed after the consent script. In order:
 * Consent Mode v2 defaults, all four signals denied, pushed to dataLayer;
 * if the reader already chose, an `update` with that choice; then gtag.js
 * is inserted. Loading gtag.js from here, rather than with a
 * <script async src> that React may hoist above this script, is what
 * guarantees the defaults are in place before any tag runs.
 *
 * The choice is read from the marks the consent script puts on <html>
 * (lib/consent/document-marks.ts: data-consent, data-consent-<category>),
 * which the consent store re-applies after every decision, in this tab or
 * another. A MutationObserver on those marks pushes an `update` after each
 * change, so the Google tag needs no JavaScript bundle of its own: a build
 * without NEXT_PUBLIC_GA_ID has no Google code anywhere.
 *
 * Note: gtag.js itself loads before any choice (Consent Mode "advanced"):
 * with everything denied it sends Google cookieless pings. A site that must
 * not contact Google at all before consent (the CNIL's reading of the
 * ePrivacy rules) should not set NEXT_PUBLIC_GA_ID.
 */
export function googleTagSnippet(id: string): string {
  const valid = googleTagId(id);
  if (!valid) throw new Error('googleTagSnippet needs a Google tag id');
  const src = `${GOOGLE_TAG_SCRIPT_ORIGIN}/gtag/js?id=${encodeURIComponent(valid)}`;
  const marks = ['data-consent', 'data-consent-analytics', 'data-consent-marketing'];
  return [
    '(function(w,d,map){',
    'var root=d.documentElement,last="";',
    'w.dataLayer=w.dataLayer||[];',
    'w.gtag=function(){w.dataLayer.push(arguments)};',
    `w.gtag("consent","default",${JSON.stringify(GOOGLE_CONSENT_DEFAULTS)});`,
    'w.gtag("set","ads_data_redaction",true);',
    // Undecided at load: the defaults stand. Afterwards a lost choice (cookie
    // deleted or expired) counts as everything refused.
    'function sync(){var decided=root.hasAttribute("data-consent");if(!decided&&!last)return;',
    'var g=function(c){return decided&&root.getAttribute("data-consent-"+c)==="granted"};',
    'var state=map({analytics:g("analytics"),marketing:g("marketing")}),key=JSON.stringify(state);',
    'if(key!==last){last=key;w.gtag("consent","update",state)}}',
    'sync();',
    `if(w.MutationObserver)new MutationObserver(sync).observe(root,{attributes:true,attributeFilter:${JSON.stringify(marks)}});`,
    'w.gtag("js",new Date());',
    `w.gtag("config",${JSON.stringify(valid)});`,
    `var s=d.createElement("script");s.async=true;s.src=${JSON.stringify(src)};d.head.appendChild(s)`,
    `})(window,document,${googleConsentFor.toString()});`,
  ].join('');
}
