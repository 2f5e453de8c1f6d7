import { claimEarlyInteractions, type EarlyInteractionWindow } from '@/lib/early-interactions';
import { EARLY_INTERACTIONS_SCRIPT } from '@/lib/early-interactions-listener';

const EARLY_SELECTORS = {
  settingsOpener: '[data-consent-open]',
  embedLoad: '[data-embed-load]',
  themeSelect: '#theme-select',
  bannerChoice: '[data-consent-choice]',
};

// The listener as pages get it: the inline <head> script, run on its own.
beforeEach(() => {
  document.body.innerHTML = `
    <a href="/en/cookies" data-consent-open id="settings">Cookie settings</a>
    <figure data-embed-provider="osm"><button type="button" data-embed-load id="load">Load this once</button></figure>
    <select id="theme-select"><option value="system">System</option><option value="dark">Dark</option></select>
    <a href="/en/cart" id="plain">Cart</a>
    <button type="button" data-consent-choice="reject_all" id="reject">Reject all</button>
    <details data-focus-on-open id="search"><summary>Search</summary><form><input id="field" type="search" /></form></details>
  `;
  new Function(EARLY_INTERACTIONS_SCRIPT)();
});

const click = (id: string) => {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true });
  document.getElementById(id)?.dispatchEvent(event);
  return event;
};

describe('taps before hydration', () => {
  it('records a tap on "Cookie settings" and keeps the link from leaving the page', () => {
    const event = click('settings');
    expect(event.defaultPrevented).toBe(true);
    const claimed = claimEarlyInteractions(EARLY_SELECTORS.settingsOpener);
    expect(claimed.map((e) => e.target.id)).toEqual(['settings']);
  });

  it('hands each island its own taps, once, and stops recording them once it is live', () => {
    click('load');
    click('settings');
    expect(claimEarlyInteractions(EARLY_SELECTORS.embedLoad).map((e) => e.target.id)).toEqual(['load']);
    expect(claimEarlyInteractions(EARLY_SELECTORS.embedLoad)).toEqual([]);
    // The embed island is live now: its own listener handles later taps.
    click('load');
    expect(claimEarlyInteractions(EARLY_SELECTORS.embedLoad)).toEqual([]);
    // The consent island is not live yet: its tap waited.
    expect(claimEarlyInteractions(EARLY_SELECTORS.settingsOpener)).toHaveLength(1);
  });

  it('records the value chosen in the theme <select>, not the click that opened it', () => {
    const select = document.getElementById('theme-select') as HTMLSelectElement;
    expect(click('theme-select').defaultPrevented).toBe(false);
    select.value = 'dark';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    expect(claimEarlyInteractions(EARLY_SELECTORS.themeSelect)).toEqual([{ type: 'change', target: select, value: 'dark' }]);
  });

  it('records a banner choice for the consent island', () => {
    click('reject');
    const [choice] = claimEarlyInteractions(EARLY_SELECTORS.bannerChoice);
    expect(choice?.target.getAttribute('data-consent-choice')).toBe('reject_all');
  });

  it('leaves every other link alone', () => {
    expect(click('plain').defaultPrevented).toBe(false);
    expect((window as EarlyInteractionWindow).__early?.q).toEqual([]);
  });

  it('moves focus into the field when a header disclosure opens', () => {
    const details = document.getElementById('search') as HTMLDetailsElement;
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
    expect(document.activeElement).toBe(document.getElementById('field'));
  });
});
