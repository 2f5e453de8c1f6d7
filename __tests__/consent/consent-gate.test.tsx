import { act, render, screen } from '@testing-library/react';
import { ConsentGate } from '@/components/consent/ConsentGate';
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
