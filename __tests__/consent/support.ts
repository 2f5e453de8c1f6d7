import Cookies from 'js-cookie';
import { decodeConsent, encodeConsent, type ConsentRecord } from '@/lib/consent/consent-cookie';
import { CONSENT_INLINE_SCRIPT } from '@/lib/consent/inline-script';

/** Runs the real inline <head> script, as the browser does before first paint. */
export function runInlineConsentScript(): void {
  new Function(CONSENT_INLINE_SCRIPT)();
}

export function clearCookiesAndMarks(): void {
  for (const name of Object.keys(Cookies.get())) Cookies.remove(name, { path: '/' });
  for (const attr of [...document.documentElement.attributes]) {
    if (attr.name.startsWith('data-consent')) document.documentElement.removeAttribute(attr.name);
  }
}

export function storedConsent(): ConsentRecord | null {
  return decodeConsent(Cookies.get('consent'));
}

export function storeConsent(record: ConsentRecord): void {
  document.cookie = `consent=${encodeConsent(record)}; path=/`;
}

export function setGpc(value: boolean | undefined): void {
  Object.defineProperty(window.navigator, 'globalPrivacyControl', { value, configurable: true });
}

/**
 * jsdom has <dialog> but neither showModal() nor close(). This stands in for
 * the parts the island relies on: the open attribute, the close event, and
 * Esc (cancel, then close). Modality itself (focus trap, inert page) is the
 * browser's and is checked in e2e/consent.test.ts against Chromium.
 */
export function polyfillDialog(): void {
  const proto = HTMLDialogElement.prototype as HTMLDialogElement & { __modal?: boolean };
  proto.showModal = function showModal(this: HTMLDialogElement & { __modal?: boolean }) {
    if (this.open) throw new DOMException('already open', 'InvalidStateError');
    this.__modal = true;
    this.setAttribute('open', '');
  };
  proto.close = function close(this: HTMLDialogElement & { __modal?: boolean }) {
    if (!this.open) return;
    this.__modal = false;
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    const dialog = document.querySelector<HTMLDialogElement>('dialog[open]');
    if (dialog && dialog.dispatchEvent(new Event('cancel', { cancelable: true }))) dialog.close();
  });
}

/**
 * jsdom has no layout. checkVisibility() is emulated from the one rule the
 * island relies on (consent.css): the banner is hidden once <html> carries
 * data-consent.
 */
export function emulateBannerVisibility(): void {
  HTMLElement.prototype.checkVisibility = function checkVisibility(this: HTMLElement) {
    return !(this.closest('.consent-banner') && document.documentElement.hasAttribute('data-consent'));
  };
}

export function isModal(dialog: HTMLElement): boolean {
  return (dialog as HTMLElement & { __modal?: boolean }).__modal === true && dialog.hasAttribute('open');
}
