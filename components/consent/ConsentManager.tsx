'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Locale } from '@/i18n/routing';
import { OPTIONAL_CATEGORIES, type CategoryChoices, type ConsentCategory, type OptionalCategory } from '@/lib/consent/categories';
import { acceptAllChoices, REJECT_ALL_CHOICES } from '@/lib/consent/consent-decision';
import type { ConsentMethod } from '@/lib/consent/consent-value';
import {
  browserSendsGpc,
  getConsentState,
  refreshConsent,
  saveConsent,
  setWithdrawalRules,
} from '@/lib/consent/current-choice';
import { SETTINGS_OPENER_ATTRIBUTE } from '@/lib/consent/settings-opener';
import { BANNER_CHOICE_ATTRIBUTE, claimEarlyInteractions, type BannerChoice } from '@/lib/early-interactions';
import type { WithdrawalRule } from '@/lib/consent/withdrawal';

export type ConsentStrings = {
  bannerLabel: string;
  bannerText: string;
  policyLink: string;
  privacyLink: string;
  gpcNotice: string;
  acceptAll: string;
  rejectAll: string;
  customize: string;
  dialogTitle: string;
  dialogIntro: string;
  save: string;
  close: string;
  alwaysOn: string;
  categories: Record<ConsentCategory, { name: string; description: string }>;
};

type Props = {
  locale: Locale;
  strings: ConsentStrings;
  policyHref: string;
  privacyHref: string;
  /** The registry's first-party keys: what a refusal deletes. */
  withdrawalRules: WithdrawalRule[];
  /** Where focus goes when what had it disappears (the banner after a choice). */
  mainId: string;
};

const TITLE_ID = 'consent-dialog-title';
const switchId = (category: ConsentCategory) => `consent-switch-${category}`;

/**
 * The consent island: banner and preferences dialog, in the server HTML of
 * every page. Whether the banner shows is decided by CSS on the mark the
 * inline <head> script puts on <html> (see lib/consent/inline-script.ts), not
 * by React, so hydration never changes what the reader sees. All strings
 * arrive translated: no message runtime is shipped.
 */
export function ConsentManager({ locale, strings, policyHref, privacyHref, withdrawalRules, mainId }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLElement | null>(null);
  const [draft, setDraft] = useState<CategoryChoices>(REJECT_ALL_CHOICES);

  const focusMain = useCallback(() => {
    document.getElementById(mainId)?.focus({ preventScroll: true });
  }, [mainId]);

  const openDialog = useCallback((opener: HTMLElement | null, category?: OptionalCategory) => {
    const dialog = dialogRef.current;
    if (!dialog || dialog.open) return;
    // First visit: every optional switch off (no pre-ticked boxes, CJEU
    // Planet49 C-673/17); afterwards, the stored choice.
    setDraft(refreshConsent()?.c ?? REJECT_ALL_CHOICES);
    openerRef.current = opener;
    dialog.showModal();
    document.getElementById(switchId(category ?? 'preferences'))?.focus();
  }, []);

  useEffect(() => {
    setWithdrawalRules(withdrawalRules);
  }, [withdrawalRules]);

  useEffect(() => {
    const openerOf = (target: EventTarget | null) =>
      target instanceof Element ? target.closest<HTMLElement>(`[${SETTINGS_OPENER_ATTRIBUTE}]`) : null;
    // "Cookie settings" is a link to the policy page in the server HTML, so it
    // leads somewhere without JavaScript; here it becomes a dialog button
    // (UPGRADED_SETTINGS_OPENER: what tests take as the sign of hydration).
    for (const el of document.querySelectorAll<HTMLElement>(`a[${SETTINGS_OPENER_ATTRIBUTE}]`)) {
      el.setAttribute('role', 'button');
      el.setAttribute('aria-haspopup', 'dialog');
    }
    // The attribute's value may name the category whose switch gets the focus
    // (an embed placeholder's "Always allow" uses data-consent-open="marketing").
    const openFor = (opener: HTMLElement) => {
      const category = opener.getAttribute(SETTINGS_OPENER_ATTRIBUTE);
      const focus = (OPTIONAL_CATEGORIES as readonly string[]).includes(category ?? '') ? category : undefined;
      openDialog(opener, focus as OptionalCategory | undefined);
    };
    const open = (event: Event, opener: HTMLElement) => {
      event.preventDefault();
      openFor(opener);
    };
    const onClick = (event: MouseEvent) => {
      const opener = openerOf(event.target);
      if (opener && event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey) open(event, opener);
    };
    // A role="button" answers Space as well as Enter.
    const onKeyDown = (event: KeyboardEvent) => {
      const opener = event.key === ' ' ? openerOf(event.target) : null;
      if (opener && opener.tagName !== 'BUTTON') open(event, opener);
    };
    document.addEventListener('click', onClick);
    document.addEventListener('keydown', onKeyDown);
    // A tap before this island ran: the dialog it asked for (one dialog, so the latest tap).
    const early = claimEarlyInteractions(`[${SETTINGS_OPENER_ATTRIBUTE}]`).at(-1)?.target;
    if (early instanceof HTMLElement) openFor(early);
    // Starts the store even if nothing on the page reads consent, so that a
    // choice made in another tab hides this tab's banner too.
    getConsentState();
    return () => {
      document.removeEventListener('click', onClick);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [openDialog]);

  const decideFromBanner = useCallback(
    (method: Extract<ConsentMethod, 'accept_all' | 'reject_all'>) => {
      const choices = method === 'accept_all' ? acceptAllChoices(browserSendsGpc()) : REJECT_ALL_CHOICES;
      saveConsent({ choices, method, source: 'banner', locale });
      // The banner (and the button that had focus) is gone: continue at the content.
      focusMain();
    },
    [locale, focusMain],
  );

  // A banner button tapped before this island ran: that choice, now.
  useEffect(() => {
    const early = claimEarlyInteractions(`[${BANNER_CHOICE_ATTRIBUTE}]`).at(-1)?.target;
    const choice = early?.getAttribute(BANNER_CHOICE_ATTRIBUTE) as BannerChoice | null | undefined;
    if (choice === 'accept_all' || choice === 'reject_all') decideFromBanner(choice);
    else if (choice === 'customize' && early instanceof HTMLElement) openDialog(early);
  }, [decideFromBanner, openDialog]);

  const choiceAttribute = (choice: BannerChoice) => ({ [BANNER_CHOICE_ATTRIBUTE]: choice });

  const decideFromDialog = (method: ConsentMethod) => {
    const choices =
      method === 'custom'
        ? draft
        : method === 'accept_all'
          ? acceptAllChoices(browserSendsGpc(), draft.marketing)
          : REJECT_ALL_CHOICES;
    saveConsent({ choices, method, source: 'settings', locale });
    dialogRef.current?.close();
  };

  // Runs for Save, Esc and Close alike; closing without saving writes nothing.
  const restoreFocus = () => {
    const opener = openerRef.current;
    openerRef.current = null;
    // checkVisibility: the opener may be Customize in a banner that a decision just hid.
    if (opener?.isConnected && opener.checkVisibility?.() !== false) opener.focus();
    else focusMain();
  };

  return (
    <>
      <section className="consent-banner" aria-label={strings.bannerLabel} data-nosnippet="">
        <div className="consent-banner__inner">
          <p className="consent-banner__text">
            {strings.bannerText} <a href={policyHref}>{strings.policyLink}</a>
            <span aria-hidden="true"> · </span>
            <a href={privacyHref}>{strings.privacyLink}</a>
          </p>
          <p className="consent-gpc">{strings.gpcNotice}</p>
          <div className="consent-banner__actions">
            <button type="button" className="consent-button" onClick={() => decideFromBanner('accept_all')} {...choiceAttribute('accept_all')}>
              {strings.acceptAll}
            </button>
            <button type="button" className="consent-button" onClick={() => decideFromBanner('reject_all')} {...choiceAttribute('reject_all')}>
              {strings.rejectAll}
            </button>
            <button
              type="button"
              className="consent-button consent-button--quiet"
              aria-haspopup="dialog"
              {...choiceAttribute('customize')}
              onClick={(event) => openDialog(event.currentTarget)}
            >
              {strings.customize}
            </button>
          </div>
        </div>
      </section>
      <dialog ref={dialogRef} className="consent-dialog" aria-labelledby={TITLE_ID} onClose={restoreFocus}>
        <div className="consent-dialog__head">
          <h2 id={TITLE_ID} className="consent-dialog__title">
            {strings.dialogTitle}
          </h2>
          <button
            type="button"
            className="consent-dialog__close"
            aria-label={strings.close}
            onClick={() => dialogRef.current?.close()}
          >
            <span aria-hidden="true">×</span>
          </button>
        </div>
        <p>{strings.dialogIntro}</p>
        <p className="consent-dialog__links">
          <a href={policyHref}>{strings.policyLink}</a>
          <span aria-hidden="true"> · </span>
          <a href={privacyHref}>{strings.privacyLink}</a>
        </p>
        <p className="consent-gpc">{strings.gpcNotice}</p>
        <ul className="consent-categories">
          {(['necessary', ...OPTIONAL_CATEGORIES] as const).map((category) => {
            const { name, description } = strings.categories[category];
            const necessary = category === 'necessary';
            return (
              <li key={category} className="consent-category">
                <div className="consent-category__head">
                  <label htmlFor={switchId(category)} className="consent-category__name">
                    {name}
                  </label>
                  <input
                    type="checkbox"
                    role="switch"
                    id={switchId(category)}
                    className="consent-switch"
                    aria-describedby={`${switchId(category)}-description`}
                    checked={necessary || draft[category]}
                    disabled={necessary}
                    onChange={(event) => {
                      const checked = event.currentTarget.checked;
                      if (!necessary) setDraft((d) => ({ ...d, [category]: checked }));
                    }}
                  />
                </div>
                <p id={`${switchId(category)}-description`} className="consent-category__description">
                  {description}
                  {necessary ? ` ${strings.alwaysOn}` : null}
                </p>
              </li>
            );
          })}
        </ul>
        <div className="consent-dialog__actions">
          <button type="button" className="consent-button" onClick={() => decideFromDialog('custom')}>
            {strings.save}
          </button>
          <button type="button" className="consent-button" onClick={() => decideFromDialog('accept_all')}>
            {strings.acceptAll}
          </button>
          <button type="button" className="consent-button" onClick={() => decideFromDialog('reject_all')}>
            {strings.rejectAll}
          </button>
        </div>
      </dialog>
    </>
  );
}
