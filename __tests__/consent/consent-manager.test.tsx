import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Cookies from 'js-cookie';
import { ConsentRoot } from '@/components/consent/ConsentRoot';
import { CookieSettingsLink } from '@/components/consent/CookieSettingsLink';
import type { Locale } from '@/i18n/routing';
import { POLICY_REVISION } from '@/lib/consent/categories';
import { bothLocales, messagesByLocale, renderWithLocale, translatorFor } from '../support/render-with-locale';
import { clearCookiesAndMarks, emulateBannerVisibility, isModal, polyfillDialog, runInlineConsentScript, setGpc, storeConsent, storedConsent } from './support';
import { aConsentRecord } from '../support/consent-record';

/** The receipt endpoint storing every receipt (201); the client reads the status and Retry-After. */
const fetchMock = jest.fn<Promise<{ ok: boolean; status: number; headers: { get: (name: string) => string | null } }>, [string, RequestInit]>(() =>
  Promise.resolve({ ok: true, status: 201, headers: { get: () => null } }),
);

beforeAll(() => {
  polyfillDialog();
  emulateBannerVisibility();
  Object.defineProperty(globalThis, 'fetch', { value: fetchMock, configurable: true, writable: true });
});

beforeEach(() => {
  clearCookiesAndMarks();
  setGpc(undefined);
  fetchMock.mockClear();
});

const names = {
  en: {
    region: 'Cookie consent',
    buttons: ['Accept all', 'Reject all', 'Customize'],
    policy: ['Cookie policy', '/en/cookies'],
    privacy: ['Privacy policy', '/en/privacy'],
    dialog: 'Cookie settings',
    settings: 'Cookie settings',
    close: 'Close without saving',
    save: 'Save my choices',
    switches: ['Strictly necessary', 'Preferences', 'Audience measurement', 'Marketing and embedded content'],
  },
  fr: {
    region: 'Consentement aux témoins',
    buttons: ['Tout accepter', 'Tout refuser', 'Personnaliser'],
    policy: ['Politique relative aux témoins', '/fr/temoins'],
    privacy: ['Politique de confidentialité', '/fr/confidentialite'],
    dialog: 'Paramètres des témoins',
    settings: 'Paramètres des témoins',
    close: 'Fermer sans enregistrer',
    save: 'Enregistrer mes choix',
    switches: ['Strictement nécessaires', 'Préférences', 'Mesure d’audience', 'Marketing et contenu intégré'],
  },
} as const;

/** The layout's order: skip links' target (main), the consent island, and the footer's settings control. */
function renderPage(locale: Locale) {
  runInlineConsentScript();
  const utils = renderWithLocale(
    <>
      <ConsentRoot />
      <main id="main" tabIndex={-1}>
        <h1>Page</h1>
      </main>
      <footer>
        <CookieSettingsLink />
      </footer>
    </>,
    locale,
  );
  const banner = screen.getByRole('region', { name: names[locale].region });
  // The dialog is closed (hidden from the accessibility tree) until opened.
  const dialog = utils.container.querySelector('dialog') as HTMLDialogElement;
  return { ...utils, banner, dialog };
}

function lastReceipt(): unknown {
  const call = fetchMock.mock.calls.at(-1);
  return call ? { url: call[0], method: call[1].method, body: JSON.parse(String(call[1].body)) } : undefined;
}

describe.each(bothLocales)('consent banner (%s)', (locale) => {
  const n = names[locale];

  it('says what cookies are for, links the policy, and offers exactly three named buttons', () => {
    const { banner } = renderPage(locale);
    expect(banner.tagName).toBe('SECTION');
    expect(banner).toHaveAttribute('data-nosnippet');
    expect(banner).toHaveTextContent(translatorFor(locale)('Consent.bannerText', { google: 'off' }));
    expect(within(banner).getByRole('link', { name: n.policy[0] })).toHaveAttribute('href', n.policy[1]);
    expect(within(banner).getByRole('link', { name: n.privacy[0] })).toHaveAttribute('href', n.privacy[1]);
    expect(within(banner).getAllByRole('button').map((b) => b.textContent)).toEqual(n.buttons);
  });

  it('styles Accept and Reject identically (no weaker refusal)', () => {
    const { banner } = renderPage(locale);
    const [accept, reject] = within(banner).getAllByRole('button');
    expect(accept?.className).toBe(reject?.className);
    expect(accept?.tagName).toBe('BUTTON');
  });

  it('Reject all stores an explicit refusal of every category, hides the banner and sends a receipt', async () => {
    const { banner } = renderPage(locale);
    await userEvent.click(within(banner).getByRole('button', { name: n.buttons[1] }));
    const stored = storedConsent();
    expect(stored).toMatchObject({
      v: 1,
      rev: POLICY_REVISION,
      c: { preferences: false, analytics: false, marketing: false },
      m: 'reject_all',
      src: 'banner',
      l: locale,
      gpc: false,
    });
    expect(stored?.ts).toBe(stored?.upd);
    expect(document.documentElement).toHaveAttribute('data-consent', '1');
    expect(document.documentElement).toHaveAttribute('data-consent-analytics', 'denied');
    expect(lastReceipt()).toEqual({ url: '/api/consent', method: 'POST', body: stored });
    expect(document.activeElement).toHaveAttribute('id', 'main');
  });

  it('Accept all grants every category', async () => {
    const { banner } = renderPage(locale);
    await userEvent.click(within(banner).getByRole('button', { name: n.buttons[0] }));
    expect(storedConsent()).toMatchObject({
      c: { preferences: true, analytics: true, marketing: true },
      m: 'accept_all',
      src: 'banner',
    });
    expect(document.documentElement).toHaveAttribute('data-consent-marketing', 'granted');
  });
});

describe.each(bothLocales)('preferences dialog (%s)', (locale) => {
  const n = names[locale];

  it('opens as a modal from Customize, labelled by its visible heading, focus inside', async () => {
    const { banner, dialog } = renderPage(locale);
    const customize = within(banner).getByRole('button', { name: n.buttons[2] });
    expect(customize).toHaveAttribute('aria-haspopup', 'dialog');
    await userEvent.click(customize);
    expect(isModal(dialog)).toBe(true);
    const heading = within(dialog).getByRole('heading', { name: n.dialog });
    expect(dialog).toHaveAttribute('aria-labelledby', heading.id);
    expect(screen.getByRole('dialog', { name: n.dialog })).toBe(dialog);
    expect(dialog.contains(document.activeElement)).toBe(true);
  });

  it('shows one described switch per category: necessary on and locked, the rest off on a first visit', async () => {
    const { banner, dialog } = renderPage(locale);
    await userEvent.click(within(banner).getByRole('button', { name: n.buttons[2] }));
    const switches = within(dialog).getAllByRole('switch');
    expect(switches.map((s) => s.getAttribute('id'))).toHaveLength(4);
    expect(switches.map((s) => screen.getByLabelText(n.switches[switches.indexOf(s)] as string))).toEqual(switches);
    const [necessary, ...optional] = switches;
    expect(necessary).toBeChecked();
    expect(necessary).toBeDisabled();
    for (const s of optional) {
      expect(s).not.toBeChecked();
      expect(s).toBeEnabled();
    }
    for (const s of switches) expect(s).toHaveAccessibleDescription(/.{20,}/);
  });

  it('Save stores exactly what was switched on (analytics only)', async () => {
    const { banner, dialog } = renderPage(locale);
    await userEvent.click(within(banner).getByRole('button', { name: n.buttons[2] }));
    await userEvent.click(within(dialog).getByRole('switch', { name: n.switches[2] }));
    await userEvent.click(within(dialog).getByRole('button', { name: n.save }));
    expect(storedConsent()).toMatchObject({
      c: { preferences: false, analytics: true, marketing: false },
      m: 'custom',
      src: 'settings',
      l: locale,
    });
    expect(dialog).not.toHaveAttribute('open');
    // The banner (and Customize with it) is gone: focus continues at the content.
    expect(document.activeElement).toHaveAttribute('id', 'main');
  });

  it.each(['Escape', 'close button'])('closing with %s writes nothing and gives focus back to Customize', async (how) => {
    const { banner, dialog } = renderPage(locale);
    const customize = within(banner).getByRole('button', { name: n.buttons[2] });
    await userEvent.click(customize);
    await userEvent.click(within(dialog).getByRole('switch', { name: n.switches[2] }));
    if (how === 'Escape') await userEvent.keyboard('{Escape}');
    else await userEvent.click(within(dialog).getByRole('button', { name: n.close }));
    expect(dialog).not.toHaveAttribute('open');
    expect(Cookies.get('consent')).toBeUndefined();
    expect(fetchMock).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(customize);
    expect(document.documentElement).not.toHaveAttribute('data-consent');
  });

  it('Accept all and Reject all are offered inside the dialog too', async () => {
    const { banner, dialog } = renderPage(locale);
    await userEvent.click(within(banner).getByRole('button', { name: n.buttons[2] }));
    await userEvent.click(within(dialog).getByRole('button', { name: n.buttons[1] }));
    expect(storedConsent()).toMatchObject({ m: 'reject_all', src: 'settings' });
  });
});

describe.each(bothLocales)('settings control in the footer (%s)', (locale) => {
  const n = names[locale];

  it('is a link to the policy page in the server HTML, upgraded to a dialog button', () => {
    renderPage(locale);
    const control = screen.getByRole('button', { name: n.settings });
    expect(control.tagName).toBe('A');
    expect(control).toHaveAttribute('href', n.policy[1]);
    expect(control).toHaveAttribute('aria-haspopup', 'dialog');
  });

  it('opens the dialog on the stored choice; changing it keeps id and ts; focus returns to it', async () => {
    const before = aConsentRecord({ l: locale, c: { preferences: true, analytics: false, marketing: false } });
    storeConsent(before);
    const { dialog } = renderPage(locale);
    expect(document.documentElement).toHaveAttribute('data-consent', '1');
    const control = screen.getByRole('button', { name: n.settings });
    await userEvent.click(control);
    expect(within(dialog).getByRole('switch', { name: n.switches[1] })).toBeChecked();
    expect(within(dialog).getByRole('switch', { name: n.switches[2] })).not.toBeChecked();
    await userEvent.click(within(dialog).getByRole('switch', { name: n.switches[1] }));
    await userEvent.click(within(dialog).getByRole('button', { name: n.save }));
    const after = storedConsent();
    expect(after).toMatchObject({ id: before.id, ts: before.ts, c: { preferences: false, analytics: false, marketing: false } });
    expect(after?.upd).toBeGreaterThan(before.upd);
    expect(document.activeElement).toBe(control);
  });

  it('answers Space like a button', () => {
    const { dialog } = renderPage(locale);
    const control = screen.getByRole('button', { name: n.settings });
    control.focus();
    fireEvent.keyDown(control, { key: ' ' });
    expect(isModal(dialog)).toBe(true);
  });
});

describe('Global Privacy Control', () => {
  beforeEach(() => setGpc(true));

  it('marks <html> so that the banner and dialog say the signal is honoured', () => {
    renderPage('en');
    expect(document.documentElement).toHaveAttribute('data-consent-gpc', '1');
    expect(screen.getAllByText(messagesByLocale.en.Consent.gpcNotice)).toHaveLength(2);
  });

  it('keeps marketing off after Accept all in the banner, and records gpc', async () => {
    const { banner } = renderPage('fr');
    await userEvent.click(within(banner).getByRole('button', { name: 'Tout accepter' }));
    expect(storedConsent()).toMatchObject({
      c: { preferences: true, analytics: true, marketing: false },
      m: 'accept_all',
      gpc: true,
    });
  });

  it('lets the reader switch marketing on in the dialog', async () => {
    const { banner, dialog } = renderPage('en');
    await userEvent.click(within(banner).getByRole('button', { name: 'Customize' }));
    await userEvent.click(within(dialog).getByRole('switch', { name: 'Marketing and embedded content' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Accept all' }));
    expect(storedConsent()).toMatchObject({ c: { marketing: true }, gpc: true });
  });
});

describe('withdrawal', () => {
  it('deletes the cookies of a refused category and shortens preference cookies to the session', async () => {
    document.cookie = '_ndx_a_id=abc; path=/';
    document.cookie = 'NEXT_LOCALE=fr; path=/';
    document.cookie = 'unrelated=1; path=/';
    const { banner } = renderPage('en');
    await userEvent.click(within(banner).getByRole('button', { name: 'Reject all' }));
    expect(Cookies.get('_ndx_a_id')).toBeUndefined();
    expect(Cookies.get('NEXT_LOCALE')).toBe('fr');
    expect(Cookies.get('unrelated')).toBe('1');
  });

  it('follows a choice made in another tab when this one is shown again', () => {
    renderPage('en');
    expect(document.documentElement).not.toHaveAttribute('data-consent');
    storeConsent(aConsentRecord());
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect(document.documentElement).toHaveAttribute('data-consent', '1');
    expect(document.documentElement).toHaveAttribute('data-consent-analytics', 'granted');
  });
});
