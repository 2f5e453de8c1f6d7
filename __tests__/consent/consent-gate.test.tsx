import { act, fireEvent, render, screen } from '@testing-library/react';
import Cookies from 'js-cookie';
import { ConsentGate } from '@/components/consent/ConsentGate';
import { LocaleSwitchLink } from '@/components/layout/LocaleSwitchLink';
import { clearCookiesAndMarks, runInlineConsentScript, storeConsent } from './support';
import { aConsentRecord } from '../support/consent-record';

function showTab() {
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

beforeEach(() => {
  clearCookiesAndMarks();
  runInlineConsentScript();
  showTab();
});

describe('ConsentGate', () => {
  it('shows the fallback until the category is granted, then the content, and stops it on withdrawal', () => {
    render(
      <ConsentGate category="analytics" fallback={<p>placeholder</p>}>
        <p>measured</p>
      </ConsentGate>,
    );
    expect(screen.getByText('placeholder')).toBeInTheDocument();
    storeConsent(aConsentRecord({ c: { preferences: false, analytics: true, marketing: false } }));
    showTab();
    expect(screen.getByText('measured')).toBeInTheDocument();
    storeConsent(aConsentRecord({ c: { preferences: false, analytics: false, marketing: false } }));
    showTab();
    expect(screen.queryByText('measured')).toBeNull();
    expect(screen.getByText('placeholder')).toBeInTheDocument();
  });

  it('always renders necessary content', () => {
    render(<ConsentGate category="necessary">always</ConsentGate>);
    expect(screen.getByText('always')).toBeInTheDocument();
  });
});

describe('the language cookie', () => {
  const clickSwitch = () => {
    render(
      <LocaleSwitchLink href="/fr" locale="fr">
        Lire en français
      </LocaleSwitchLink>,
    );
    const link = screen.getByRole('link');
    link.addEventListener('click', (e) => e.preventDefault());
    fireEvent.click(link);
  };

  let set: jest.SpyInstance;
  beforeEach(() => {
    set = jest.spyOn(Cookies, 'set');
  });
  afterEach(() => set.mockRestore());

  it('is a session cookie without the preferences category', () => {
    storeConsent(aConsentRecord({ c: { preferences: false, analytics: true, marketing: true } }));
    showTab();
    clickSwitch();
    expect(set).toHaveBeenCalledWith('NEXT_LOCALE', 'fr', expect.not.objectContaining({ expires: expect.anything() }));
  });

  it('lives a year once preferences is granted', () => {
    storeConsent(aConsentRecord({ c: { preferences: true, analytics: false, marketing: false } }));
    showTab();
    clickSwitch();
    expect(set).toHaveBeenCalledWith('NEXT_LOCALE', 'fr', expect.objectContaining({ expires: 365 }));
  });
});
